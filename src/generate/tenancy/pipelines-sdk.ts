import type { Context, Contribution } from '../core/model.js';
import { SESSION_COOKIE } from '../auth/oauth2-proxy.js';
import { kfpSdk } from './programmatic-access.js';
import { PHASE } from '../core/phases.js';

/**
 * The Pipelines SDK from a laptop, signed in through the browser: the session cookie oauth2-proxy
 * set is what the gateway accepts for a person, so the SDK sends it (a notebook in the cluster uses
 * its service-account token instead, and CI a machine token).
 */
export function pipelinesSdk(ctx: Context): Contribution {
  const { auth, exposure } = ctx.plan;
  const selfSigned = exposure.tlsMode === 'self-signed';
  const profile = ctx.plan.profiles[0]?.name ?? '<your-profile>';
  return {
    nextSteps: [
      {
        order: PHASE.outsideCluster,
        title: 'Use the Pipelines SDK from your own machine',
        body: [
          `Sign in at ${auth.baseUrl}/ in a browser, then copy the value of the \`${SESSION_COOKIE}\` cookie (browser developer`,
          `tools → Application/Storage → Cookies). Large sessions are split into \`${SESSION_COOKIE}_0\`, \`${SESSION_COOKIE}_1\`, …: copy all of them.`,
          '```python',
          `# pip install '${kfpSdk(ctx.plan.release)}'`,
          'import kfp',
          'client = kfp.Client(',
          `    host="${auth.baseUrl}/pipeline",`,
          `    cookies="${SESSION_COOKIE}=<value>",  # or "${SESSION_COOKIE}_0=<v0>; ${SESSION_COOKIE}_1=<v1>"`,
          `    namespace="${profile}",`,
          ...(selfSigned ? [`    ssl_ca_cert="${exposure.tlsSecretName}.crt",  # the certificate exported above`] : []),
          ')',
          'print(client.list_experiments())',
          '```',
          `The cookie is your own session: it expires with it (\`${ctx.plan.session.cookieExpire}\`) and acts as you, so never share or commit it.`,
          'Jobs and CI should use a service-account or machine token instead (the steps about tokens).',
        ].join('\n'),
      },
    ],
  };
}
