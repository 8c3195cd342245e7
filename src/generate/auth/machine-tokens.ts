import { GATEWAY_NAMESPACE, GATEWAY_POD_LABELS, GROUPS_HEADER, USERID_HEADER } from '../../kubeflow/gateway.js';
import type { Context, Contribution, PatchTarget } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { jsonPatch } from '../core/json-patch.js';
import { componentFor } from '../../kubeflow/release.js';
import { PHASE } from '../core/phases.js';

const M2M_TARGET: PatchTarget = {
  group: 'security.istio.io',
  version: 'v1beta1',
  kind: 'RequestAuthentication',
  name: 'm2m-token-issuer',
  namespace: 'istio-system',
};

/** Claims of machine tokens, as upstream's m2m-token-issuer maps them. */
const MACHINE_CLAIMS = [
  { header: USERID_HEADER, claim: 'sub' },
  // Overwrites a client-supplied kubeflow-groups header even when the token has no groups.
  { header: GROUPS_HEADER, claim: 'groups' },
];

/**
 * Bearer tokens the gateway verifies besides users' own: the EKS cluster's service-account issuer
 * (upstream's EKS overlay, with its placeholder issuer replaced) and any extra issuers.
 */
export function machineTokens(ctx: Context): Contribution {
  const mt = ctx.plan.auth.machineTokens;
  if (!mt) return {};
  const c: Contribution = { patches: [], resources: [], files: {} };
  if (mt.eks) {
    const { release } = ctx.plan;
    c.swapUpstream = { [componentFor(release, 'm2m')!.dir]: release.m2mEksDir };
    c.patches!.push({
      file: 'patches/istio-system-m2m-token-issuer.yaml',
      content: jsonPatch([
        { op: 'replace', path: '/spec/jwtRules/0/issuer', value: mt.eks.issuer },
        { op: 'add', path: '/spec/jwtRules/0/audiences', value: mt.eks.audiences },
      ]),
      target: M2M_TARGET,
    });
  }
  if (mt.issuers.length) {
    const object = {
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'RequestAuthentication',
      metadata: { name: 'kfgen-machine-token-issuers', namespace: GATEWAY_NAMESPACE },
      spec: {
        selector: { matchLabels: { ...GATEWAY_POD_LABELS } },
        jwtRules: mt.issuers.map((i) => ({
          issuer: i.issuer,
          ...(i.jwksUri ? { jwksUri: i.jwksUri } : {}),
          audiences: i.audiences,
          forwardOriginalToken: true,
          outputClaimToHeaders: MACHINE_CLAIMS,
          fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }],
        })),
      },
    };
    c.files!['machine-token-issuers.yaml'] = toYaml(object);
    c.resources!.push('machine-token-issuers.yaml');
  }
  c.nextSteps = [
    {
      order: PHASE.outsideCluster,
      title: 'Call Kubeflow from outside the cluster with a token',
      body: [
        'Requests that carry `Authorization: Bearer <token>` skip the login redirect; the gateway verifies the token and',
        'sets `kubeflow-userid` from its `sub` claim. Trusted machine-token issuers:',
        '',
        ...(mt.eks
          ? [
              `- \`${mt.eks.issuer}\` (this EKS cluster's service-account tokens), audiences ${mt.eks.audiences
                .map((a) => `\`${a}\``)
                .join(', ')}`,
            ]
          : []),
        ...mt.issuers.map((i) => `- \`${i.issuer}\`, audiences ${i.audiences.map((a) => `\`${a}\``).join(', ')}`),
        '',
        // programmatic access (tenancy) shows the token call for each configured service account
        ...(mt.eks && !ctx.plan.access.length
          ? [
              '```sh',
              `TOKEN=$(kubectl create token default-editor -n "\${PROFILE:?the profile namespace to call as its default-editor}" --audience ${mt.eks.audiences[0]} --duration 1h)`,
              `curl -H "Authorization: Bearer $TOKEN" "${ctx.plan.auth.baseUrl}/pipeline/apis/v2beta1/experiments?namespace=$PROFILE"`,
              '```',
              'The service account needs access to the profile (see programmatic access).',
            ]
          : []),
      ].join('\n'),
    },
  ];
  return c;
}
