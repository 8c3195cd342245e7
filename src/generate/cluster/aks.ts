import type { Context, Contribution, NextStep } from '../core/model.js';
import type { Plan } from '../../plan/index.js';
import { GATEWAY_READY_PATH, GATEWAY_STATUS_PORT } from '../../kubeflow/gateway.js';
import { PHASE } from '../core/phases.js';

const A = 'service.beta.kubernetes.io/';

/**
 * Annotations of the Azure cloud provider for the gateway's LoadBalancer Service.
 *
 * Azure probes each port's node port. Port 80 answers with a redirect or a login and 443 speaks
 * TLS, so both would be marked down once the gateway is configured; their probes go to the
 * gateway's status port instead (per-port probe annotations, cloud-provider-azure 1.24+).
 */
export function aksServiceAnnotations({ platform, exposure }: Plan): Record<string, string> {
  const aks = platform.aks ?? {};
  const out: Record<string, string> = {
    [`${A}azure-load-balancer-health-probe-request-path`]: GATEWAY_READY_PATH,
  };
  for (const port of [80, 443]) {
    out[`${A}port_${port}_health-probe_protocol`] = 'http';
    out[`${A}port_${port}_health-probe_port`] = String(GATEWAY_STATUS_PORT);
  }
  if (exposure.lbScheme === 'internal') out[`${A}azure-load-balancer-internal`] = 'true';
  if (aks.dnsLabel) out[`${A}azure-dns-label-name`] = aks.dnsLabel;
  // The certificate (and, for an IP host, the redirect URL) names this address, so the load balancer must get exactly it.
  if (exposure.staticIp) out[`${A}azure-load-balancer-ipv4`] = exposure.staticIp;
  if (aks.loadBalancerResourceGroup) out[`${A}azure-load-balancer-resource-group`] = aks.loadBalancerResourceGroup;
  return out;
}

/** Without `platform.aks.cluster`, the commands read the cluster's resource group and name from the user's shell. */
const SHELL_CLUSTER = '--resource-group "${AKS_RESOURCE_GROUP:?}" --name "${AKS_CLUSTER:?}"';
const CLUSTER_NOTE = "Export `AKS_RESOURCE_GROUP` and `AKS_CLUSTER` (the cluster's resource group and name) first.";

/** `--resource-group … --name …` of the cluster: the config's, else the shell's. */
export function aksClusterArgs(plan: Plan): string {
  const c = plan.platform.aks?.cluster;
  return c ? `--resource-group ${c.resourceGroup} --name ${c.name}` : SHELL_CLUSTER;
}
export const AKS_CLUSTER_NOTE = CLUSTER_NOTE;

/** `az aks create` with the config's version and node size, and the kubeconfig for it. */
function createClusterStep(ctx: Context): NextStep | undefined {
  const c = ctx.plan.platform.aks?.cluster;
  if (!c) return undefined;
  return {
    order: PHASE.aksCluster,
    title: 'Create the AKS cluster',
    body: [
      `Cluster \`${c.name}\` in resource group \`${c.resourceGroup}\` (\`${c.location}\`), Kubernetes ${c.kubernetesVersion}, ${c.nodeCount} × \`${c.nodeVmSize}\`:`,
      '```sh',
      `az group create --name ${c.resourceGroup} --location ${c.location} --output none`,
      `az aks create --resource-group ${c.resourceGroup} --name ${c.name} --location ${c.location} \\`,
      `  --kubernetes-version ${c.kubernetesVersion} --node-vm-size ${c.nodeVmSize} --node-count ${c.nodeCount} \\`,
      '  --enable-managed-identity --generate-ssh-keys --output none',
      `az aks get-credentials --resource-group ${c.resourceGroup} --name ${c.name} --overwrite-existing`,
      '```',
    ].join('\n'),
  };
}

/** AKS needs no cluster file; what it needs are the steps around the load balancer's address. */
export function aks(ctx: Context): Contribution {
  const { plan } = ctx;
  const { exposure } = plan;
  if (!plan.platform.aks) return {};
  const create = createClusterStep(ctx);
  const created: Contribution = create ? { nextSteps: [create] } : {};
  if (exposure.ingressKind !== 'loadbalancer') return created;
  const CLUSTER = aksClusterArgs(plan);
  const aksConfig = plan.platform.aks;
  const needsCluster = (lines: string[]) => !aksConfig.cluster && lines.some((l) => l.includes(CLUSTER));
  const rg = aksConfig.loadBalancerResourceGroup;
  const body: string[] = [];
  // After applying: the Service becomes a load balancer only once the overlay is applied.
  const after: string[] = [];
  if (exposure.staticIp) {
    body.push(
      `The gateway's load balancer takes the static public IP \`${exposure.staticIp}\`. Create it before applying, in ${rg ? `resource group \`${rg}\`` : "the cluster's node resource group"}:`,
      '```sh',
      ...(rg ? [] : [`NODE_RG=$(az aks show ${CLUSTER} --query nodeResourceGroup -o tsv)`]),
      `az network public-ip create --resource-group ${rg ?? '$NODE_RG'} --name kubeflow-gateway --sku Standard --allocation-method static --query publicIp.ipAddress -o tsv`,
      '```',
      `The address it prints must be \`${exposure.staticIp}\`; if Azure assigned another, put that one in \`${exposure.hostIsIp ? 'host' : 'platform.aks.staticIp'}\` and build again.`,
      ...(exposure.hostIsIp || aksConfig.dnsLabel
        ? []
        : [
            'Simpler: leave `staticIp` out and set `platform.aks.dnsLabel`; Azure then picks the address and the name `<label>.<region>.cloudapp.azure.com` follows it, with nothing to know before the build.',
          ]),
      ...(exposure.hostIsIp
        ? []
        : aksConfig.dnsLabel
          ? [
              '',
              `Azure also gives that IP the DNS label \`${aksConfig.dnsLabel}\`, so \`${plan.host}\` resolves to it; the certificate names both.`,
            ]
          : [
              '',
              `Point a DNS record for \`${plan.host}\` at it (an A record); the certificate names both the name and the address.`,
            ]),
    );
  } else if (aksConfig.dnsLabel) {
    after.push(
      `Azure gives the load balancer's public IP the DNS label \`${aksConfig.dnsLabel}\`, so \`${plan.host}\` resolves to it without a DNS record of yours.`,
    );
  } else {
    after.push(
      `Create a DNS record for \`${plan.host}\` that points at the load balancer's address once it has one:`,
      '```sh',
      "kubectl get svc istio-ingressgateway -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0].ip}'",
      '```',
    );
  }
  if (rg) {
    body.push(
      '',
      `The public IP lives in resource group \`${rg}\`, outside the node resource group, so the cluster's identity needs`,
      'Network Contributor there:',
      '```sh',
      `PRINCIPAL=$(az aks show ${CLUSTER} --query identity.principalId -o tsv)`,
      `az role assignment create --assignee "$PRINCIPAL" --role "Network Contributor" --scope "$(az group show --name ${rg} --query id -o tsv)"`,
      '```',
    );
  }
  after.push(
    ...(after.length ? [''] : []),
    `Azure probes ports 80 and 443 on the gateway's status port (${GATEWAY_STATUS_PORT}, \`${GATEWAY_READY_PATH}\`), which answers without a login.`,
    'Check that the Service got its address:',
    '```sh',
    'kubectl get svc istio-ingressgateway -n istio-system',
    '```',
  );
  return {
    nextSteps: [
      ...(create ? [create] : []),
      ...(body.length
        ? [
            {
              order: PHASE.aksLoadBalancerAddress,
              title: "Prepare the AKS load balancer's address",
              body: [...(needsCluster(body) ? [CLUSTER_NOTE, ''] : []), ...body].join('\n'),
            },
          ]
        : []),
      { order: PHASE.dns, title: "Check the AKS load balancer's address", body: after.join('\n') },
    ],
  };
}
