import { ANY_PLATFORM_NAMESPACES, KUBERNETES_NAMESPACES } from '../../kubeflow/namespaces.js';
import { loadEmbeddedYaml } from '../../util/yaml-bounds.js';
import type { ParsedObject, PathSegment } from '../types.js';
import { parseCfg, type CfgEntry } from './cfg.js';
import type { SchemaIssue } from '../schema/validate.js';
import { MeshView } from './authz.js';

/** A value found in an object, with where to point a finding at it. */
export interface Located<T> {
  on: ParsedObject;
  value: T;
  path: PathSegment[];
  innerLine?: number;
}

export const ns = (o: ParsedObject): string | undefined => o.object?.metadata?.namespace;
export const nameOf = (o: ParsedObject): string => String(o.object?.metadata?.name ?? '');
export const isKind = (o: ParsedObject, kind: string, group?: string): boolean =>
  o.object?.kind === kind &&
  (group === undefined ||
    String(o.object?.apiVersion ?? '').split('/')[0] === group ||
    (group === '' && !String(o.object?.apiVersion).includes('/')));

/** Reads a Secret key from `stringData` or base64 `data`. */
export function secretValue(o: ParsedObject, key: string): Located<string> | undefined {
  const s = o.object?.stringData?.[key];
  if (typeof s === 'string') return { on: o, value: s, path: ['stringData', key] };
  const d = o.object?.data?.[key];
  if (typeof d === 'string') return { on: o, value: Buffer.from(d, 'base64').toString('utf8'), path: ['data', key] };
  return undefined;
}

/** 0-based index of the first line of an embedded document that matches `re`. */
export function innerLineOf(text: string, re: RegExp): number | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? undefined : i;
}

export interface OAuth2ProxyFacts {
  cfg?: { on: ParsedObject; path: PathSegment[]; entries: Map<string, CfgEntry> };
  params?: { on: ParsedObject; data: Record<string, string> };
  secret?: ParsedObject;
}

export interface DexFacts {
  config?: { on: ParsedObject; path: PathSegment[]; text: string; parsed: any };
}

/**
 * Cross-object facts about a Kubeflow deployment, computed once per lint and shared by the rules.
 * Everything is lazy: a rule that never asks for Dex costs nothing for Dex.
 */
export class Facts {
  private byKindCache = new Map<string, ParsedObject[]>();
  private _oauth2?: OAuth2ProxyFacts;
  private _dex?: DexFacts;
  private _mesh?: MeshView;
  /** Filled by the engine's single schema pass; read by the schema-* rules. */
  schemaIssues: SchemaIssue[] = [];
  constructor(readonly objects: readonly ParsedObject[]) {}

  kind(kind: string): ParsedObject[] {
    let hit = this.byKindCache.get(kind);
    if (!hit) {
      hit = this.objects.filter((o) => o.object?.kind === kind);
      this.byKindCache.set(kind, hit);
    }
    return hit;
  }

  get oauth2Proxy(): OAuth2ProxyFacts {
    if (this._oauth2) return this._oauth2;
    const f: OAuth2ProxyFacts = {};
    for (const o of this.kind('ConfigMap')) {
      const data = o.object.data ?? {};
      if (typeof data['oauth2_proxy.cfg'] === 'string' && !f.cfg) {
        f.cfg = { on: o, path: ['data', 'oauth2_proxy.cfg'], entries: parseCfg(data['oauth2_proxy.cfg']) };
      }
      if (('FORCE_HTTPS' in data || 'ALLOW_SELF_SIGNED_ISSUER' in data) && !f.params) f.params = { on: o, data };
    }
    f.secret = this.kind('Secret').find(
      (o) =>
        (ns(o) === 'oauth2-proxy' || nameOf(o).startsWith('oauth2-proxy')) &&
        (secretValue(o, 'cookie-secret') || secretValue(o, 'client-secret')),
    );
    return (this._oauth2 = f);
  }

  /** Authorization policies, pods and identities, for the rules built on the authorization model. */
  get mesh(): MeshView {
    return (this._mesh ??= new MeshView((k) => this.kind(k)));
  }

  get dex(): DexFacts {
    if (this._dex) return this._dex;
    const f: DexFacts = {};
    for (const o of this.kind('ConfigMap')) {
      const text = o.object.data?.['config.yaml'];
      if (typeof text !== 'string' || !/^issuer:/m.test(text)) continue;
      try {
        const parsed = loadEmbeddedYaml(text) as any;
        if (
          parsed &&
          typeof parsed === 'object' &&
          (parsed.staticClients || parsed.connectors || parsed.enablePasswordDB !== undefined || parsed.storage)
        ) {
          f.config = { on: o, path: ['data', 'config.yaml'], text, parsed };
          break;
        }
      } catch {
        /* not Dex's config */
      }
    }
    return (this._dex = f);
  }

  /** Value of a Secret key by name anywhere in the input (Dex reads `idEnv`/`secretEnv` from its envFrom Secrets). */
  secretKey(key: string, namespace?: string): Located<string> | undefined {
    for (const o of this.kind('Secret')) {
      if (namespace && ns(o) && ns(o) !== namespace) continue;
      const v = secretValue(o, key);
      if (v) return v;
    }
    return undefined;
  }

  /** Namespaces created by the input (Namespace objects and Profiles), or undefined if it creates none. */
  get knownNamespaces(): Set<string> | undefined {
    const names = [
      ...this.kind('Namespace'),
      ...this.kind('Profile').filter((p) => String(p.object.apiVersion).startsWith('kubeflow.org/')),
    ].map(nameOf);
    if (names.length === 0) return undefined;
    // Profiles are always applied over a Kubeflow platform, whose namespaces exist even when the
    // input (e.g. kfgen's generated files before kustomize) does not contain them.
    return new Set([...names, ...KUBERNETES_NAMESPACES, ...ANY_PLATFORM_NAMESPACES]);
  }

  /** Is TLS terminated somewhere in front of Kubeflow (gateway HTTPS server or Ingress tls)? */
  get hasTls(): boolean {
    const gw = this.kind('Gateway').some((g) =>
      (g.object.spec?.servers ?? []).some(
        (s: any) => (s?.tls?.mode && s.tls.mode !== 'PASSTHROUGH') || s?.port?.protocol === 'HTTPS',
      ),
    );
    const ing = this.kind('Ingress').some((i) => Array.isArray(i.object.spec?.tls) && i.object.spec.tls.length > 0);
    return gw || ing;
  }

  get hasFrontDoor(): boolean {
    return this.kind('Gateway').length > 0 || this.kind('Ingress').length > 0;
  }
}
