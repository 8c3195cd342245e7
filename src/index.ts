export { defineConfig } from './config/define.js';
export type * from './config/types.js';
export { generate } from './generate/index.js';
export type { FileTree, GenerateAssets, GenerateInput } from './generate/core/model.js';
export { buildProject, loadProject, runPipeline } from './pipeline/index.js';
export { readGenerateAssets } from './pipeline/assets.js';
export { loadConfig } from './config/load.js';
