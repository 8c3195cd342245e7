import type { KfgenConfig } from './types.js';

/** Identity function that gives `kfgen.config.ts` type checking and editor completion. */
export function defineConfig(config: KfgenConfig): KfgenConfig {
  return config;
}
