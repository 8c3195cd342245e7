import { createGenerator } from 'ts-json-schema-generator';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = join(root, 'schemas', 'kfgen.config.schema.json');

/** The JSON Schema derived from the TypeScript config types, as the committed file should read. */
export function configSchemaText(): string {
  const schema = createGenerator({
    path: join(root, 'src/config/types.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'KfgenConfig',
    additionalProperties: false,
    sortProps: true,
    skipTypeCheck: true,
  }).createSchema('KfgenConfig');
  schema.$id = 'https://kfgen.dev/schemas/kfgen.config.schema.json';
  return JSON.stringify(schema, null, 2) + '\n';
}
