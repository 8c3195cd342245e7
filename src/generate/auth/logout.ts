import type { Context, Contribution } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';

/**
 * The dashboard's logout link clears oauth2-proxy's cookie and, where the identity provider has
 * an end-session URL, continues there so the provider's own session ends too.
 */
export function logout(ctx: Context): Contribution {
  const end = ctx.plan.auth.endSessionUrl;
  if (!end) return {};
  const logoutUrl = `/oauth2/sign_out?rd=${encodeURIComponent(end)}`;
  return {
    patches: [
      {
        file: 'patches/kubeflow-centraldashboard-logout.yaml',
        content: toYaml({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'centraldashboard', namespace: 'kubeflow' },
          spec: {
            template: {
              spec: { containers: [{ name: 'centraldashboard', env: [{ name: 'LOGOUT_URL', value: logoutUrl }] }] },
            },
          },
        }),
      },
    ],
  };
}
