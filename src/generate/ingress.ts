import type { Context, Contribution } from './model.js';
import { toYaml } from '../util/yaml.js';

/** Entra ID tokens and the session cookies that carry them outgrow nginx's default 4k buffers. */
export const NGINX_ANNOTATIONS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/proxy-buffer-size': '128k',
  'nginx.ingress.kubernetes.io/proxy-buffers-number': '4',
  'nginx.ingress.kubernetes.io/proxy-body-size': '512m',
};

export function ingress(ctx: Context): Contribution {
  const { config, derived: d } = ctx;
  const ing = config.ingress ?? { kind: 'none' };
  if (ing.kind === 'none') return {};
  const annotations = { ...NGINX_ANNOTATIONS };
  if (d.tls) annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'true';
  Object.assign(annotations, ing.annotations ?? {});
  const object = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'kubeflow',
      // The backend Service must be in the Ingress's namespace.
      namespace: 'istio-system',
      annotations: sortKeys(annotations),
    },
    spec: {
      ingressClassName: ing.className ?? 'nginx',
      ...(config.tls?.mode === 'secret' ? { tls: [{ hosts: [config.host], secretName: config.tls.secretName }] } : {}),
      rules: [
        {
          host: config.host,
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'istio-ingressgateway', port: { number: 80 } } } }],
          },
        },
      ],
    },
  };
  return { files: { 'ingress.yaml': toYaml(object) }, resources: ['ingress.yaml'] };
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
