import type { Context, Contribution, NextStep } from './model.js';
import { walkSecretSources } from '../../config/secret-source.js';
import { dotted } from '../../util/field-path.js';
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

/** A Secret the user creates: one per name and namespace, with every key the config reads from it. */
interface UserSecret {
  name: string;
  namespace: string;
  keys: Array<{ key: string; paths: string[] }>;
}

/**
 * Where each `existingSecret` must exist: in the namespace of every workload that reads it.
 * The client secret Dex and oauth2-proxy share is read in both namespaces.
 */
export function existingSecrets(auth: unknown): UserSecret[] {
  const byId = new Map<string, UserSecret>();
  walkSecretSources(auth, ['auth'], (source, path) => {
    if (!('existingSecret' in source)) return;
    const shown = dotted(path);
    const namespaces =
      shown === 'auth.dex.clientSecret' ? ['auth', 'oauth2-proxy'] : path.includes('dex') ? ['auth'] : ['oauth2-proxy'];
    const { name, key } = source.existingSecret;
    for (const namespace of namespaces) {
      const id = `${namespace}/${name}`;
      const secret = byId.get(id) ?? { name, namespace, keys: [] };
      byId.set(id, secret);
      const entry = secret.keys.find((k) => k.key === key);
      if (entry) entry.paths.push(shown);
      else secret.keys.push({ key, paths: [shown] });
    }
  });
  // The walk follows the config's key order, which must not change the output.
  const out = [...byId.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  for (const s of out) {
    s.keys.sort((a, b) => cmp(a.key, b.key));
    for (const k of s.keys) k.paths.sort(cmp);
  }
  return out;
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
  const { config } = ctx;
  const existing = existingSecrets(config.auth);
  const tlsSecret = config.tls?.mode === 'secret' ? config.tls.secretName : undefined;
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
      `${ctx.plan.exposure.ingressKind === 'nginx' ? 'The Ingress' : 'The Istio gateway'} serves \`${config.host}\` with the certificate in Secret \`${tlsSecret}\` in namespace \`istio-system\`.`,
      `Put the certificate chain (it must cover \`${config.host}\`) in \`fullchain.pem\` and its key in \`privkey.pem\`, in this directory:`,
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

/** Marks each step that needs the cluster's pods to run; test/next-steps-runbook.test.ts stops at the first. */
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
