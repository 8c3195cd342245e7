import type { Context, Contribution } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { GATEWAY_NAMESPACE, GATEWAY_POD_LABELS, GATEWAY_STATUS_PORT } from '../../kubeflow/gateway.js';

/** The gateway pod's ports behind the Service's 80 and 443. */
const GATEWAY_HTTP_PORT = 8080;
const GATEWAY_HTTPS_PORT = 8443;
/** cert-manager's HTTP-01 solver pods listen here. */
const ACME_SOLVER_PORT = 8089;
/** Where NEXT_STEPS installs ingress-nginx. */
const NGINX_NAMESPACE = 'ingress-nginx';
const EKSCTL_DEFAULT_VPC_CIDR = '192.168.0.0/16';
export const GATEWAY_NETWORK_POLICY_FILE = 'network-policy-gateway.yaml';

type Peer = Record<string, unknown>;

/**
 * From 26.03, istio-system's NetworkPolicies admit only the mesh (the namespace itself, istiod,
 * Knative): on a CNI that enforces policies nothing outside reaches the ingress gateway, so every
 * exposure kfgen writes would stop at the gateway. This admits exactly the exposure's source — the
 * ingress-nginx namespace, or the load balancer's addresses — and, for an HTTP-01 challenge served
 * through ingress-nginx, the solver pods. Releases whose policies do not apply get nothing.
 */
export function gatewayNetworkPolicy(ctx: Context): Contribution {
  const { release, exposure } = ctx.plan;
  if (!release.gatewayNetworkPolicy || exposure.ingressKind === 'none') return {};
  const nginx = exposure.ingressKind === 'nginx';
  const objects: Record<string, unknown>[] = [];
  const from: Peer[] = nginx ? [namespacePeer(NGINX_NAMESPACE)] : loadBalancerPeers(ctx);
  const ports = nginx ? [GATEWAY_HTTP_PORT] : [GATEWAY_HTTP_PORT, GATEWAY_HTTPS_PORT, GATEWAY_STATUS_PORT];
  objects.push(policy('kfgen-allow-exposure-to-ingressgateway', { ...GATEWAY_POD_LABELS }, from, ports));
  if (exposure.tlsMode === 'acme' && exposure.acmeChallenge === 'http01' && nginx) {
    objects.push(
      policy(
        'kfgen-allow-ingress-nginx-to-acme-solver',
        { 'acme.cert-manager.io/http01-solver': 'true' },
        [namespacePeer(NGINX_NAMESPACE)],
        [ACME_SOLVER_PORT],
      ),
    );
  }
  return {
    files: { [GATEWAY_NETWORK_POLICY_FILE]: objects.map((o) => toYaml(o)).join('---\n') },
    resources: [GATEWAY_NETWORK_POLICY_FILE],
  };
}

function policy(name: string, selector: Record<string, string>, from: Peer[], ports: number[]) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: GATEWAY_NAMESPACE },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress'],
      ingress: [{ from, ports: ports.map((port) => ({ protocol: 'TCP', port })) }],
    },
  };
}

const namespacePeer = (name: string): Peer => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});

/**
 * An AWS load balancer with `ip` targets connects from its own addresses in the VPC, so the VPC's
 * range is enough where the config names it. Elsewhere (an existing VPC named by subnet ids, AKS or
 * another cloud's Service of type LoadBalancer, whose nodes forward with their own or the client's
 * address) the source cannot be narrowed: any address may reach the gateway ports, which is what a
 * public entry point is; authentication still happens at the gateway.
 */
function loadBalancerPeers(ctx: Context): Peer[] {
  const eks = ctx.plan.platform.eks;
  // A VPC eksctl creates without a cidr gets eksctl's default range.
  const cidr = eks && (eks.vpc?.cidr ?? (eks.vpc?.subnets ? undefined : EKSCTL_DEFAULT_VPC_CIDR));
  return cidr ? [{ ipBlock: { cidr } }] : [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
}
