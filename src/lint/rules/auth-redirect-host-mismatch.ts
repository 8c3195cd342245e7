import type { Rule } from '../rule.js';

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/^[^/]*\//, '');
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.split('.').length === p.split('.').length;
  return p === host;
}

const rule: Rule = {
  meta: {
    id: 'auth-redirect-host-mismatch',
    family: 'auth',
    severity: 'error',
    summary: "oauth2-proxy's absolute redirect_url names a host that no Ingress, Gateway or Certificate serves.",
    rationale:
      'After sign-in the IdP sends the browser to redirect_url; if that host is not the one users browse to (or has no certificate for it), the cookie is set on the wrong domain or the callback fails TLS, and login never completes.',
    remediation:
      'Make redirect_url `https://<ingress host>/oauth2/callback`, and list that host in the Ingress rules/tls, the Gateway servers and the Certificate dnsNames.',
    messages: {
      invalidUrl: 'redirect_url "{{url}}" is not a valid URL',
      hostNotServed: 'redirect_url host "{{host}}" is not served by any Ingress or Gateway (hosts: {{hosts}})',
      hostNotCertified: 'redirect_url host "{{host}}" is not in any Certificate\'s dnsNames ({{dnsNames}})',
    },
  },
  check(ctx) {
    const cfg = ctx.facts.oauth2Proxy.cfg;
    const e = cfg?.entries.get('redirect_url');
    if (!cfg || !e || typeof e.value !== 'string' || !/^https?:\/\//i.test(e.value)) return;
    let host: string;
    try {
      host = new URL(e.value).hostname.toLowerCase();
    } catch {
      ctx.report({
        on: cfg.on,
        path: cfg.path,
        innerLine: e.line,
        messageId: 'invalidUrl',
        data: { url: e.value },
      });
      return;
    }
    const hosts: Array<{ host: string; from: string }> = [];
    for (const ing of ctx.facts.kind('Ingress')) {
      for (const r of ing.object.spec?.rules ?? []) if (r?.host) hosts.push({ host: r.host, from: 'Ingress' });
      for (const t of ing.object.spec?.tls ?? [])
        for (const h of t?.hosts ?? []) hosts.push({ host: h, from: 'Ingress tls' });
    }
    for (const gw of ctx.facts.kind('Gateway'))
      for (const s of gw.object.spec?.servers ?? [])
        for (const h of s?.hosts ?? []) if (h !== '*' && !h.endsWith('/*')) hosts.push({ host: h, from: 'Gateway' });
    // Only certificates that serve users count: in-cluster webhook certificates name services.
    const served = new Set<string>();
    for (const ing of ctx.facts.kind('Ingress'))
      for (const t of ing.object.spec?.tls ?? []) if (t?.secretName) served.add(t.secretName);
    for (const gw of ctx.facts.kind('Gateway'))
      for (const s of gw.object.spec?.servers ?? []) if (s?.tls?.credentialName) served.add(s.tls.credentialName);
    const certNames: string[] = [];
    for (const c of ctx.facts.kind('Certificate')) {
      if (!String(c.object.apiVersion).startsWith('cert-manager.io/') || !served.has(c.object.spec?.secretName))
        continue;
      certNames.push(...(c.object.spec?.dnsNames ?? []), ...(c.object.spec?.ipAddresses ?? []));
    }
    if (hosts.length && !hosts.some((h) => hostMatches(h.host, host))) {
      const list = [...new Set(hosts.map((h) => h.host))].join(', ');
      ctx.report({
        on: cfg.on,
        path: cfg.path,
        innerLine: e.line,
        messageId: 'hostNotServed',
        data: { host, hosts: list },
      });
    } else if (certNames.length && /^https:/i.test(e.value) && !certNames.some((n) => hostMatches(n, host))) {
      ctx.report({
        on: cfg.on,
        path: cfg.path,
        innerLine: e.line,
        messageId: 'hostNotCertified',
        data: { host, dnsNames: certNames.join(', ') },
      });
    }
  },
};
export default rule;
