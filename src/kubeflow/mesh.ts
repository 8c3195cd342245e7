/**
 * The mesh config of kubeflow/manifests (the same in v1.9.1, v1.10.2, v1.11.0 and 26.03:
 * test/kubeflow/releases.test.ts compares it with each rendered tree) as the oauth2-proxy component sets it
 * (common/oauth2-proxy/components/istio-external-auth-patches/patches/cm.enable-oauth2-proxy.yaml,
 * ConfigMap `istio` in `istio-system`, key `mesh`): a patch that changes one field of it must
 * carry all of it, since the value is one string.
 */
export const MESH_CONFIGMAP = { name: 'istio', namespace: 'istio-system', key: 'mesh' } as const;

export const OAUTH2_PROXY_EXT_AUTHZ = {
  headersToDownstreamOnDeny: ['content-type', 'set-cookie'],
  headersToUpstreamOnAllow: [
    'authorization',
    'path',
    'x-auth-request-email',
    'x-auth-request-groups',
    'x-auth-request-user',
  ],
  includeRequestHeadersInCheck: ['authorization', 'cookie'],
  service: 'oauth2-proxy.oauth2-proxy.svc.cluster.local',
  port: 80,
};

export const UPSTREAM_MESH = {
  accessLogFile: '/dev/stdout',
  defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012', proxyMetadata: {}, tracing: {} },
  enablePrometheusMerge: true,
  rootNamespace: 'istio-system',
  tcpKeepalive: { interval: '5s', probes: 3, time: '10s' },
  trustDomain: 'cluster.local',
  extensionProviders: [{ envoyExtAuthzHttp: OAUTH2_PROXY_EXT_AUTHZ, name: 'oauth2-proxy' }],
};
