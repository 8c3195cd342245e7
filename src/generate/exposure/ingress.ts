import { GATEWAY_NAMESPACE, GATEWAY_SERVICE } from '../../kubeflow/gateway.js';
import type { Context, Contribution, NextStep } from '../core/model.js';
import { toYaml } from '../../util/yaml.js';
import { sortKeys } from '../../util/order.js';
import { albAnnotations, loadBalancerControllerStep, nlbAnnotations } from './aws-load-balancer.js';
import { aksServiceAnnotations } from '../cluster/aks.js';
import { PHASE } from '../core/phases.js';

/** Entra ID tokens and the session cookies that carry them outgrow nginx's default 4k buffers. */
export const NGINX_ANNOTATIONS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/proxy-buffer-size': '128k',
  'nginx.ingress.kubernetes.io/proxy-buffers-number': '4',
  'nginx.ingress.kubernetes.io/proxy-body-size': '512m',
};

/**
 * The same limits for the controller itself: nginx reads request headers (the session cookie that
 * oauth2-proxy splits into 4 KB chunks arrives as one `Cookie` header) with server-level buffers
 * that no Ingress annotation can raise, and the controller's defaults apply to its other servers.
 */
export const NGINX_CONTROLLER_CONFIG: Record<string, string> = {
  'large-client-header-buffers': '4 32k',
  'proxy-buffer-size': NGINX_ANNOTATIONS['nginx.ingress.kubernetes.io/proxy-buffer-size']!,
  'proxy-buffers-number': NGINX_ANNOTATIONS['nginx.ingress.kubernetes.io/proxy-buffers-number']!,
};

/**
 * ingress-nginx Helm chart 4.14.1 (controller v1.14.1), supported on Kubernetes 1.30–1.34
 * (the project's supported-versions table).
 */
export const INGRESS_NGINX_CHART = {
  repo: 'https://kubernetes.github.io/ingress-nginx',
  version: '4.14.1',
  controller: 'v1.14.1',
} as const;

/** How traffic reaches the Istio gateway; user annotations are merged over kfgen's in every kind. */
export function ingress(ctx: Context): Contribution {
  switch (ctx.plan.exposure.ingressKind) {
    case 'nginx':
      return nginxIngress(ctx);
    case 'alb':
      return albIngress(ctx);
    case 'loadbalancer':
      return loadBalancerService(ctx);
    case 'none':
      return {};
  }
}

function nginxIngress(ctx: Context): Contribution {
  const d = ctx.plan.auth;
  const annotations = { ...NGINX_ANNOTATIONS };
  if (d.tls) annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'true';
  const { exposure } = ctx.plan;
  const secretName = exposure.termination === 'ingress' ? exposure.tlsSecretName : undefined;
  const className = exposure.ingressClassName;
  return {
    files: { 'ingress.yaml': toYaml(gatewayIngress(ctx, className, withUser(ctx, annotations), secretName)) },
    resources: ['ingress.yaml'],
    nextSteps: [nginxControllerStep(ctx), nginxAddressStep(ctx)],
  };
}

/** The overlay has an Ingress for ingress-nginx but not the controller: install it, before applying. */
function nginxControllerStep(ctx: Context): NextStep {
  const className = ctx.plan.exposure.ingressClassName;
  const aks = ctx.plan.platform.provider === 'aks';
  const sets = [
    `--set controller.ingressClassResource.name=${className}`,
    `--set controller.ingressClass=${className}`,
    ...Object.entries(NGINX_CONTROLLER_CONFIG).map(
      ([k, v]) => `--set-string controller.config.${k}=${v.includes(' ') ? `"${v}"` : v}`,
    ),
    // AKS probes the Service's node ports at `/` unless told otherwise; the controller answers /healthz.
    ...(aks
      ? [
          '--set-string controller.service.annotations."service\\.beta\\.kubernetes\\.io/azure-load-balancer-health-probe-request-path"=/healthz',
        ]
      : []),
  ];
  return {
    order: PHASE.ingressController,
    title: 'Install the ingress-nginx controller',
    body: [
      `**ingress-nginx is retired:** since March 2026 it gets no releases or security fixes. kfgen also exposes Kubeflow without it:`,
      `\`ingress.kind: loadbalancer\` (the Istio gateway's own Service as the cloud load balancer, TLS at the gateway)${ctx.plan.platform.provider === 'eks' ? ', or `ingress.kind: alb` (the AWS Load Balancer Controller)' : ''}.`,
      '',
      `The overlay's Ingress (IngressClass \`${className}\`) needs ingress-nginx, which the overlay does not contain. Chart ${INGRESS_NGINX_CHART.version}`,
      `(controller ${INGRESS_NGINX_CHART.controller}) supports Kubernetes 1.30 to 1.34. Entra ID and other identity providers send tokens and`,
      "session cookies that outgrow nginx's default header buffers, so the controller gets the same limits as the Ingress:",
      '```sh',
      `helm repo add ingress-nginx ${INGRESS_NGINX_CHART.repo} --force-update`,
      `helm upgrade --install ingress-nginx ingress-nginx/ingress-nginx --version ${INGRESS_NGINX_CHART.version} \\`,
      '  --namespace ingress-nginx --create-namespace \\',
      ...sets.map((s) => `  ${s} \\`),
      '  --wait',
      '```',
      '`--wait` returns once the controller runs: its admission webhook must answer before the Ingress is applied.',
      ...(ctx.plan.platform.provider === 'generic'
        ? [
            'It also waits for the Service to get an external address; on a cluster without a load-balancer implementation add `--set controller.service.type=NodePort`.',
          ]
        : []),
    ].join('\n'),
  };
}

function nginxAddressStep(ctx: Context): NextStep {
  const { plan } = ctx;
  return {
    order: PHASE.dns,
    title: 'Point DNS at the ingress controller',
    body: [
      `Create a DNS record for \`${plan.host}\` that points at the external address of the ingress-nginx controller`,
      `(IngressClass \`${ctx.plan.exposure.ingressClassName}\`):`,
      '```sh',
      "kubectl get svc -n ingress-nginx ingress-nginx-controller -o jsonpath='{.status.loadBalancer.ingress[0]}'",
      '```',
      plan.platform.provider === 'eks'
        ? 'AWS gives a host name: create a CNAME record (or a Route 53 alias).'
        : 'A host name needs a CNAME record; an IP address needs an A record.',
    ].join('\n'),
  };
}

function albIngress(ctx: Context): Contribution {
  const className = ctx.plan.exposure.ingressClassName;
  return {
    files: {
      'ingress.yaml': toYaml(gatewayIngress(ctx, className, withUser(ctx, albAnnotations(ctx.plan)), undefined)),
    },
    resources: ['ingress.yaml'],
    nextSteps: [
      loadBalancerControllerStep(ctx.plan),
      addressStep(ctx, 'ingress kubeflow', 'Application Load Balancer'),
    ],
  };
}

/** An Ingress in front of the gateway Service; it must sit in the Service's namespace. */
function gatewayIngress(
  ctx: Context,
  className: string,
  annotations: Record<string, string>,
  secretName: string | undefined,
) {
  const host = ctx.plan.host;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'kubeflow',
      // The backend Service must be in the Ingress's namespace.
      namespace: 'istio-system',
      annotations: sortKeys(annotations),
    },
    spec: {
      ingressClassName: className,
      ...(secretName ? { tls: [{ hosts: [host], secretName }] } : {}),
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: GATEWAY_SERVICE, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** The gateway Service itself becomes the cloud load balancer (upstream makes it ClusterIP). */
function loadBalancerService(ctx: Context): Contribution {
  const { plan } = ctx;
  const platform =
    plan.platform.provider === 'aks'
      ? aksServiceAnnotations(ctx.plan)
      : plan.platform.provider === 'eks'
        ? nlbAnnotations(ctx.plan)
        : {};
  const annotations = withUser(ctx, platform);
  const patch = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: GATEWAY_SERVICE,
      namespace: GATEWAY_NAMESPACE,
      ...(Object.keys(annotations).length ? { annotations: sortKeys(annotations) } : {}),
    },
    spec: { type: 'LoadBalancer' },
  };
  return {
    // A strategic merge patch: Service is a built-in kind, so annotations merge key by key.
    patches: [{ file: 'patches/istio-system-istio-ingressgateway-service.yaml', content: toYaml(patch) }],
    // AKS explains its address in its own step.
    nextSteps:
      plan.platform.provider === 'aks'
        ? []
        : plan.platform.provider === 'eks'
          ? [
              loadBalancerControllerStep(ctx.plan),
              addressStep(ctx, 'svc istio-ingressgateway', 'Network Load Balancer'),
            ]
          : [addressStep(ctx, 'svc istio-ingressgateway', 'load balancer')],
  };
}

function withUser(ctx: Context, annotations: Record<string, string>): Record<string, string> {
  return { ...annotations, ...ctx.plan.exposure.ingressAnnotations };
}

function addressStep(ctx: Context, object: string, what: string): NextStep {
  const { plan } = ctx;
  const aws = plan.platform.provider === 'eks';
  // After applying: the load balancer only exists once the overlay's Service or Ingress does.
  return {
    order: PHASE.dns,
    title: `Point DNS at the ${what}`,
    body: [
      `Once the ${what} exists${ctx.plan.exposure.lbScheme === 'internal' ? ' (internal: reachable only from the VPC and networks routed to it)' : ''}, create a DNS record for \`${plan.host}\` that points at its address:`,
      '```sh',
      `kubectl get ${object} -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0]}'`,
      '```',
      aws
        ? 'AWS gives a host name: create a CNAME record (or a Route 53 alias).'
        : 'A host name needs a CNAME record; an IP address needs an A record.',
    ].join('\n'),
  };
}
