import { perObjectRule } from '../templates.js';

const MIN_BYTES = 16 * 1024;
const KEY = 'nginx.ingress.kubernetes.io/proxy-buffer-size';
const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

function bytes(size: string): number | undefined {
  const m = /^(\d+)\s*([kKmM]?)$/.exec(size.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1024 : m[2]!.toLowerCase() === 'm' ? 1024 * 1024 : 1);
}

export default perObjectRule(
  {
    id: 'ingress-buffer-size',
    family: 'networking',
    severity: 'warning',
    summary:
      'An ingress-nginx Ingress (any IngressClass whose controller is k8s.io/ingress-nginx) in front of Kubeflow keeps a proxy buffer too small for identity-token cookies and headers.',
    rationale:
      'oauth2-proxy session cookies and Authorization headers with group claims easily exceed nginx\'s 4k/8k default; nginx then answers 502 "upstream sent too big header" right after login.',
    remediation: `Set ${KEY} to at least "16k" (upstream docs use "128k"), and raise proxy-buffers-number if needed.`,
    params: { minBytes: MIN_BYTES },
    messages: {
      missing: 'nginx Ingress has no {{key}}; the default (4k/8k) is too small for OIDC cookies',
      tooSmall: '{{key}} is {{value}}; OIDC cookies and headers need at least 16k',
    },
  },
  ['Ingress'],
  (ing, report, ctx) => {
    const ann: Record<string, unknown> = ing.object.metadata?.annotations ?? {};
    const classes = ctx.facts.kind('IngressClass');
    // ingress-nginx serves any IngressClass naming its controller, and the class marked default
    // serves Ingresses that name none; "nginx" is its conventional name when no class is in the input
    const nginx = new Set([
      'nginx',
      ...classes
        .filter((c) => c.object.spec?.controller === NGINX_CONTROLLER)
        .map((c) => String(c.object.metadata?.name)),
    ]);
    const fallback = classes.find(
      (c) => c.object.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
    );
    const cls =
      ing.object.spec?.ingressClassName ?? ann['kubernetes.io/ingress.class'] ?? fallback?.object.metadata?.name;
    if (typeof cls !== 'string' || !nginx.has(cls)) return;
    const declared = classes.find((c) => c.object.metadata?.name === cls);
    if (declared && declared.object.spec?.controller !== NGINX_CONTROLLER) return;
    const raw = ann[KEY];
    if (raw === undefined) {
      report({
        path: ['metadata', 'annotations'],
        messageId: 'missing',
        data: { key: KEY },
      });
      return;
    }
    const n = bytes(String(raw));
    if (n !== undefined && n < MIN_BYTES)
      report({
        path: ['metadata', 'annotations', KEY],
        messageId: 'tooSmall',
        data: { key: KEY, value: raw },
      });
  },
);
