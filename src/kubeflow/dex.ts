/** Dex as upstream deploys it (common/dex): the issuer inside the cluster and oauth2-proxy's client. */
export const DEX_IN_CLUSTER_ISSUER = 'http://dex.auth.svc.cluster.local:5556/dex';
export const DEX_CLIENT_ID = 'kubeflow-oidc-authservice';

/** Dex's callback through the gateway (upstream's VirtualService routes `/dex/`): what connectors redirect to. */
export const dexCallbackUrl = (baseUrl: string): string => `${baseUrl}/dex/callback`;
