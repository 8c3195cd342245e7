import type { Context, Contribution, NextStep } from './model.js';
import { cmp } from '../../util/order.js';
import { PHASE, RUNNING_CLUSTER_FROM } from './phases.js';
import { providerOutput } from '../auth/providers/index.js';

/** Steps every deployment shares; provider- and platform-specific ones come from their concerns. */
export function commonNextSteps(ctx: Context): Contribution {
  const d = ctx.plan.auth;
  const steps: NextStep[] = [];
  const provider = providerOutput(ctx);
  steps.push(...provider.registration(ctx));

  const secrets = userSecretsStep(ctx);
  if (secrets) steps.push(secrets);
  steps.push({
    order: PHASE.apply,
    title: 'Apply',
    body: [
      'Custom resources are in the same stream as their CRDs, and some objects are admitted only once the pods of their webhooks',
      'and controllers run, so apply server-side and retry until everything is accepted:',
      '```sh',
      'while ! kustomize build . | kubectl apply --server-side --force-conflicts -f -; do echo "Retrying to apply resources"; sleep 20; done',
      '```',
      'Run it in this directory. `kubectl kustomize` builds this overlay too (`kubectl kustomize . | kubectl apply ...`).',
    ].join('\n'),
  });
  steps.push({
    order: PHASE.checkLogin,
    title: 'Check that login works',
    body: [
      '```sh',
      'kubectl wait --for=condition=Available deployment --all -n oauth2-proxy --timeout=600s',
      'kubectl wait --for=condition=Available deployment --all -n kubeflow --timeout=900s',
      `curl -sI ${d.baseUrl}/ | grep -i '^location'`,
      '```',
      `The location must lead to ${provider.signInLocation(ctx)}. Then open ${d.baseUrl}/ in a browser and sign in.`,
      'If login loops or fails, read `kubectl logs -n oauth2-proxy deploy/oauth2-proxy`: the issuer, client id and',
      `redirect URL there must be \`${d.issuer}\`, \`${d.clientId}\` and \`${d.redirectUrl}\`.`,
    ].join('\n'),
  });
  return { nextSteps: steps };
}

/** The environment variable a user exports for one key of one of their Secrets. */
export function secretValueVariable(name: string, key: string): string {
  return `${name}_${key}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Piped through apply, `create` neither fails on a second run nor needs the object to be absent. */
const IDEMPOTENT = '--dry-run=client -o yaml | kubectl apply -f -';

/**
 * The Secrets kfgen cannot generate (their values are the user's) go into namespaces the platform
 * creates only when it is applied, so this step creates those namespaces first; the apply then
 * takes them over.
 */
function userSecretsStep(ctx: Context): NextStep | undefined {
  const { plan } = ctx;
  const existing = plan.auth.userSecrets;
  const tlsSecret = plan.exposure.tlsMode === 'secret' ? plan.exposure.tlsSecretName : undefined;
  if (!existing.length && !tlsSecret) return undefined;
  const namespaces = [...new Set([...(tlsSecret ? ['istio-system'] : []), ...existing.map((e) => e.namespace)])].sort(
    cmp,
  );
  const body: string[] = [
    'Their values never pass through kfgen. The platform creates their namespaces only when it is applied, so create those first',
    '(applying the platform later takes them over):',
    '```sh',
    ...namespaces.map((ns) => `kubectl create namespace ${ns} ${IDEMPOTENT}`),
    '```',
  ];
  if (tlsSecret) {
    body.push(
      '',
      `${ctx.plan.exposure.ingressKind === 'nginx' ? 'The Ingress' : 'The Istio gateway'} serves \`${plan.host}\` with the certificate in Secret \`${tlsSecret}\` in namespace \`istio-system\`.`,
      `Put the certificate chain (it must cover \`${plan.host}\`) in \`fullchain.pem\` and its key in \`privkey.pem\`, in this directory:`,
      '```sh',
      `kubectl create secret tls ${tlsSecret} -n istio-system --cert=fullchain.pem --key=privkey.pem ${IDEMPOTENT}`,
      '```',
    );
  }
  if (existing.length) {
    const vars = existing.flatMap((s) =>
      s.keys.map((k) => ({ v: secretValueVariable(s.name, k.key), paths: k.paths })),
    );
    const unique = [...new Map(vars.map((x) => [x.v, x])).values()];
    body.push(
      '',
      'The Secrets the config names with `existingSecret`, one command per Secret with all of its keys. Export each value first',
      `(${unique.map((x) => `\`${x.v}\` for ${x.paths.map((p) => `\`${p}\``).join(', ')}`).join('; ')}), e.g. \`read -rs ${unique[0]!.v} && export ${unique[0]!.v}\`:`,
      '```sh',
      ...existing.map((s) =>
        [
          `kubectl create secret generic ${s.name} -n ${s.namespace}`,
          ...s.keys.map((k) => `  --from-literal=${k.key}="\${${secretValueVariable(s.name, k.key)}:?}"`),
          `  ${IDEMPOTENT}`,
        ].join(' \\\n'),
      ),
      '```',
    );
    if (existing.some((s) => s.keys.some((k) => k.paths.includes('auth.cookieSecret'))))
      body.push('The cookie secret must be 16, 24 or 32 bytes, e.g. `openssl rand -hex 16`.');
  }
  return { order: PHASE.secrets, title: 'Create the Secrets that kfgen does not generate', body: body.join('\n') };
}

/** Marks each step that needs the cluster's pods to run; test/e2e/next-steps-runbook.test.ts stops at the first. */
export const RUNNING_CLUSTER_MARK = '<!-- needs: running cluster -->';

export function renderNextSteps(ctx: Context, steps: NextStep[]): string {
  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.order - b.s.order || a.i - b.i);
  const firstRunning = sorted.findIndex(({ s }) => s.order >= RUNNING_CLUSTER_FROM);
  const head = [
    '# Next steps',
    '',
    `Generated by kfgen from \`${ctx.configName}\` for \`${ctx.plan.auth.baseUrl}\`. Do not edit: change the config and run \`kfgen build\`.`,
    'Commands run from this directory, in order.',
    ...(firstRunning > 0
      ? [
          `Steps 1–${firstRunning} work on a fresh cluster; from step ${firstRunning + 1} on they need its pods to run (controllers, webhooks, load balancers).`,
        ]
      : []),
  ];
  const body = sorted.flatMap(({ s }, n) => [
    '',
    `## ${n + 1}. ${s.title}`,
    '',
    ...(s.order >= RUNNING_CLUSTER_FROM ? [RUNNING_CLUSTER_MARK] : []),
    s.body,
  ]);
  return [...head, ...body].join('\n') + '\n';
}
