import { walkSecretSources } from '../secret-source.js';
import { GENERATED_SECRET_NAMES } from '../../kubeflow/secrets.js';
import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'secret-name-generated',
    description:
      'An `existingSecret` under `auth` does not take the name of a Secret kfgen generates: kustomize would point the reference at the generated one.',
    fields: ['auth.**.existingSecret.name'],
    messages: {
      generated:
        '"{{name}}" is the name of a Secret kfgen generates; kustomize would point the reference at the generated one',
    },
  },
  check({ config: c }, report) {
    walkSecretSources(c.auth, ['auth'], (source, path) => {
      if ('existingSecret' in source && GENERATED_SECRET_NAMES.includes(source.existingSecret.name))
        report({
          path: [...path, 'existingSecret', 'name'],
          messageId: 'generated',
          data: { name: source.existingSecret.name },
          suggestion: 'name your Secret differently, e.g. kubeflow-oidc',
        });
    });
  },
};
export default check;
