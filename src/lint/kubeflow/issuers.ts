import type { Facts, Located } from './facts.js';
import { innerLineOf, nameOf } from './facts.js';

/** Every place an OIDC issuer is configured, with where to point at it. */
export interface IssuerSite extends Located<string> {
  where: string;
}

export function oauth2ProxyIssuer(f: Facts): IssuerSite | undefined {
  const cfg = f.oauth2Proxy.cfg;
  const e = cfg?.entries.get('oidc_issuer_url');
  if (!cfg || !e || typeof e.value !== 'string') return undefined;
  return { on: cfg.on, value: e.value, path: cfg.path, innerLine: e.line, where: 'oauth2-proxy oidc_issuer_url' };
}

export function dexIssuer(f: Facts): IssuerSite | undefined {
  const d = f.dex.config;
  if (!d || typeof d.parsed.issuer !== 'string') return undefined;
  return {
    on: d.on,
    value: d.parsed.issuer,
    path: d.path,
    innerLine: innerLineOf(d.text, /^issuer:/),
    where: 'Dex issuer',
  };
}

export function requestAuthIssuers(f: Facts): IssuerSite[] {
  const out: IssuerSite[] = [];
  for (const ra of f.kind('RequestAuthentication')) {
    (ra.object.spec?.jwtRules ?? []).forEach((r: any, i: number) => {
      if (typeof r?.issuer === 'string') {
        out.push({
          on: ra,
          value: r.issuer,
          path: ['spec', 'jwtRules', i, 'issuer'],
          where: `RequestAuthentication ${ra.object.metadata?.namespace ?? ''}/${nameOf(ra)}`,
        });
      }
    });
  }
  return out;
}

/** Why two issuer strings that should be identical are not. */
export function issuerDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\/+$/, '')
      .replace(/^https?:\/\//, '');
  if (norm(a) !== norm(b)) return 'different issuers';
  if (a.replace(/\/+$/, '') === b.replace(/\/+$/, '')) return 'they differ only in a trailing slash';
  if (a.toLowerCase() === b.toLowerCase()) return 'they differ only in letter case';
  if (a.replace(/^https?/, '') === b.replace(/^https?/, '')) return 'they differ only in scheme (http vs https)';
  return 'they differ in case, scheme or trailing slash';
}
