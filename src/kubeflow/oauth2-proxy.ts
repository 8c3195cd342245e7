/** upstream's oauth2_proxy.cfg `cookie_name` (common/oauth2-proxy, the same in every release): the session cookie. */
export const SESSION_COOKIE = 'oauth2_proxy_kubeflow';
