import type { Context, Contribution, NextStep } from './model.js';
import { toYaml } from '../util/yaml.js';
import { sortKeys } from '../util/order.js';
import { albAnnotations, loadBalancerControllerStep, nlbAnnotations } from './aws-load-balancer.js';
import { aksServiceAnnotations } from './aks.js';

/** Entra ID tokens and the session cookies that carry them outgrow nginx's default 4k buffers. */
export const NGINX_ANNOTATIONS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/proxy-buffer-size': '128k',
  'nginx.ingress.kubernetes.io/proxy-buffers-number': '4',
  'nginx.ingress.kubernetes.io/proxy-body-size': '512m',
};

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
  };
}

function albIngress(ctx: Context): Contribution {
  const className = ctx.plan.exposure.ingressClassName;
  return {
    files: { 'ingress.yaml': toYaml(gatewayIngress(ctx, className, withUser(ctx, albAnnotations(ctx.plan)), undefined)) },
    resources: ['ingress.yaml'],
    nextSteps: [loadBalancerControllerStep(ctx.plan), addressStep(ctx, 'ingress kubeflow', 'Application Load Balancer')],
  };
}

/** An Ingress in front of the gateway Service; it must sit in the Service's namespace. */
function gatewayIngress(ctx: Context, className: string, annotations: Record<string, string>, secretName: string | undefined) {
  const host = ctx.config.host;
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
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'istio-ingressgateway', port: { number: 80 } } } }],
          },
        },
      ],
    },
  };
}

/** The gateway Service itself becomes the cloud load balancer (upstream makes it ClusterIP). */
function loadBalancerService(ctx: Context): Contribution {
  const { config } = ctx;
  const platform = config.platform.provider === 'aks' ? aksServiceAnnotations(ctx.plan) : config.platform.provider === 'eks' ? nlbAnnotations(ctx.plan) : {};
  const annotations = withUser(ctx, platform);
  const patch = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      ...(Object.keys(annotations).length ? { annotations: sortKeys(annotations) } : {}),
    },
    spec: { type: 'LoadBalancer' },
  };
  return {
    // A strategic merge patch: Service is a built-in kind, so annotations merge key by key.
    patches: [{ file: 'patches/istio-system-istio-ingressgateway-service.yaml', content: toYaml(patch) }],
    // AKS explains its address in its own step.
    nextSteps:
      config.platform.provider === 'aks'
        ? []
        : config.platform.provider === 'eks'
          ? [loadBalancerControllerStep(ctx.plan), addressStep(ctx, 'svc istio-ingressgateway', 'Network Load Balancer')]
          : [addressStep(ctx, 'svc istio-ingressgateway', 'load balancer')],
  };
}

function withUser(ctx: Context, annotations: Record<string, string>): Record<string, string> {
  return { ...annotations, ...(ctx.config.ingress?.annotations ?? {}) };
}

function addressStep(ctx: Context, object: string, what: string): NextStep {
  const { config } = ctx;
  const aws = config.platform.provider === 'eks';
  // After applying: the load balancer only exists once the overlay's Service or Ingress does.
  return {
    order: 55,
    title: `Point DNS at the ${what}`,
    body: [
      `Once the ${what} exists${ctx.plan.exposure.lbScheme === 'internal' ? ' (internal: reachable only from the VPC and networks routed to it)' : ''}, create a DNS record for \`${config.host}\` that points at its address:`,
      '```sh',
      `kubectl get ${object} -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0]}'`,
      '```',
      aws ? 'AWS gives a host name: create a CNAME record (or a Route 53 alias).' : 'A host name needs a CNAME record; an IP address needs an A record.',
    ].join('\n'),
  };
}

