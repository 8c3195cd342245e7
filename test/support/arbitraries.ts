/**
 * fast-check arbitraries for the fuzz tests: valid kfgen configs across providers, platforms, TLS
 * modes, ingress kinds, tenancy and programmatic access; mutations that make them invalid; and
 * malformed KRM ResourceLists. What "valid" means is read from src/config/types.ts, the JSON
 * Schema and the cross-field rules in src/config/validate*.ts: a valid case that the validator
 * refuses, or that `kfgen build` then refuses, is a defect of one side or the other.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { catalog } from '../../src/lint/rules/index.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, any>;
export type Path = Array<string | number>;

/** A config and the world it is built in: secret values by env name and by file. */
export interface ConfigCase {
  config: Obj;
  env: Record<string, string>;
  files: Record<string, string>;
  /** How the config file is written. */
  format: 'yaml' | 'json';
}

export interface InvalidCase extends ConfigCase {
  /** What was broken, for the counterexample report. */
  mutation: string;
  /**
   * The field the error must name (the problem's path equals it, or one is a prefix of the other);
   * undefined when the file as a whole is broken (junk YAML).
   */
  path?: string;
  /** The file's text, when the mutation works on text rather than on the object. */
  text?: string;
  /** A value that must not appear in the output (a literal secret). */
  secret?: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const chars = (set: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...set.split('')), minLength: min, maxLength: max });

/** An RFC 1123 label: what Kubernetes takes as a namespace, Secret or ServiceAccount name. */
export const dnsLabel = (max = 20) =>
  fc
    .tuple(chars(lower, 1, 1), chars(lower + digits + '-', 0, Math.max(0, max - 2)), chars(lower + digits, 0, 1))
    .map(([a, b, c]) => a + b + c)
    .filter((s) => !s.endsWith('-'));

const domain = fc
  .tuple(fc.array(dnsLabel(12), { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'io', 'dev', 'org', 'example'))
  .map(([ls, tld]) => [...ls, tld].join('.'));
const email = fc
  .tuple(
    chars(lower + digits + '._', 1, 12).filter((s) => /^[a-z0-9]/.test(s) && !/[._]$/.test(s)),
    domain,
  )
  .map(([l, d]) => `${l}@${d}`);
const uuid = fc.uuid();
const hex = (n: number) => chars('0123456789abcdef', n, n);
const accountId = chars(digits, 12, 12);
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1'];
const region = fc.constantFrom(...REGIONS);
const ipHost = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const annotationValue = fc.oneof(chars(lower + digits + '-=.', 1, 12), fc.constantFrom('true', '3600', ''));

const PLATFORM_NAMESPACES = [
  'auth',
  'cert-manager',
  'default',
  'istio-system',
  'knative-serving',
  'kubeflow',
  'oauth2-proxy',
];
const EXAMPLE_PROFILE = 'kubeflow-user-example-com';
const SECRET_NAMES_KFGEN_GENERATES = ['oauth2-proxy', 'dex-oidc-client', 'dex-passwords', 'dex-secrets'];

/** A secret source; `env`/`file` get their names and values when the case is finished. */
const secretSource = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ env: '' }) },
  { weight: 1, arbitrary: fc.constant({ file: '' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      existingSecret: fc.record({
        name: dnsLabel(20).filter((n) => !SECRET_NAMES_KFGEN_GENERATES.includes(n)),
        key: chars(lower + digits + '-_.', 1, 12),
      }),
    }),
  },
);

/** Cookie secrets oauth2-proxy v7.6.0 takes: 16, 24 or 32 raw bytes, or base64url of 16/24/32 bytes. */
const cookieValue = fc.oneof(
  hex(16),
  hex(24),
  hex(32),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url') + '=='),
);
const secretValue = chars(lower + lower.toUpperCase() + digits + '-_.+/=~', 1, 40);
/** bcrypt of "password" (cost 10), a hash format Dex accepts. */
export const BCRYPT_HASH = '$2y$10$2b2cU8CPhOTaGrs1HRQuAueS7JTT5ZHsHSzYiFPm1leZck7Mc8T4W';

const opt = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });

/** Drops undefined members, so YAML and JSON show only what was set. */
function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, clean(x)]),
    ) as T;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Exposure: platform, host, tls, ingress (the exposure checks: tls-*, ingress-*, aks-*, eks-* under src/plan/checks/)

type Skeleton = {
  platform: 'eks' | 'aks' | 'generic';
  kind: 'nginx' | 'alb' | 'loadbalancer' | 'none' | undefined;
  tls: 'secret' | 'self-signed' | 'acme' | 'acm' | 'none' | undefined;
};

const skeleton: fc.Arbitrary<Skeleton> = fc
  .record({
    platform: fc.constantFrom('eks', 'aks', 'generic') as fc.Arbitrary<Skeleton['platform']>,
    kind: fc.constantFrom('nginx', 'alb', 'loadbalancer', 'none', undefined) as fc.Arbitrary<Skeleton['kind']>,
    tls: fc.constantFrom('secret', 'self-signed', 'acme', 'acm', 'none', undefined) as fc.Arbitrary<Skeleton['tls']>,
  })
  .map((s) => {
    const kind = s.kind === 'alb' && s.platform !== 'eks' ? 'nginx' : s.kind;
    let tls = s.tls;
    if (kind === 'alb' && tls !== undefined && tls !== 'none') tls = 'acm';
    if (kind !== 'alb' && tls === 'acm') tls = 'secret';
    return { ...s, kind, tls };
  });

const nodeGroups = fc
  .uniqueArray(
    fc.record({
      name: fc
        .tuple(chars(lower + lower.toUpperCase(), 1, 1), chars(lower + digits + '-', 0, 15))
        .map(([a, b]) => a + b),
      instanceType: fc.constantFrom('m5.xlarge', 'm5.2xlarge', 'm6i.2xlarge', 'c5.4xlarge', 't3.medium', 'p3.2xlarge'),
      sizes: fc.tuple(fc.nat(4), fc.nat(4), fc.integer({ min: 1, max: 6 })),
      volumeSize: opt(fc.integer({ min: 20, max: 500 })),
    }),
    { minLength: 1, maxLength: 3, selector: (g) => g.name },
  )
  .map((gs) =>
    gs.map(({ sizes, ...g }) => {
      const [a, b, c] = [...sizes].sort((x, y) => x - y) as [number, number, number];
      return { ...g, minSize: a, desiredCapacity: b, maxSize: Math.max(1, c) };
    }),
  );

function eksSection(s: Skeleton, scheme: string | undefined) {
  const lbSide =
    s.kind === 'alb' || s.kind === 'loadbalancer' ? (scheme === 'internal' ? 'private' : 'public') : undefined;
  return region.chain((r) => {
    const arn = (what: 'role' | 'user') =>
      fc.tuple(accountId, dnsLabel(16)).map(([a, n]) => `arn:aws:iam::${a}:${what}/${n}`);
    const subnetMap = (min: number) =>
      fc
        .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: min, maxLength: 3 })
        .chain((azs) =>
          fc
            .tuple(...azs.map(() => hex(17)))
            .map((ids) => Object.fromEntries(azs.map((az, i) => [`${r}${az}`, `subnet-${ids[i]}`]))),
        );
    const side = (which: 'public' | 'private') =>
      lbSide === which ? subnetMap(s.kind === 'alb' ? 2 : 1) : opt(subnetMap(1));
    const vpc = fc
      .record({ public: side('public'), private: side('private') })
      .filter((v) => !!(v.public || v.private))
      .map((v) => {
        // Subnet ids are unique across sides: a subnet is either public or private.
        if (v.public && v.private)
          for (const az of Object.keys(v.private)) v.private[az] = v.private[az]!.replace(/^subnet-./, 'subnet-f');
        if (v.public)
          for (const az of Object.keys(v.public)) v.public[az] = v.public[az]!.replace(/^subnet-./, 'subnet-0');
        return { subnets: v };
      });
    return fc
      .record({
        clusterName: fc
          .tuple(chars(lower + lower.toUpperCase(), 1, 1), chars(lower + digits + '-', 0, 20))
          .map(([a, b]) => a + b),
        region: fc.constant(r),
        // Versions EKS can still create (the eks-version-unsupported lint rule, as of its CHECKED_ON date).
        kubernetesVersion: fc.constantFrom('1.32', '1.33', '1.34', '1.35'),
        nodeGroups,
        awsAuth: opt(
          fc.record({
            mapRoles: opt(
              fc.uniqueArray(
                fc.record({
                  rolearn: arn('role'),
                  username: dnsLabel(12),
                  groups: opt(fc.array(dnsLabel(12), { maxLength: 2 })),
                }),
                { maxLength: 2, selector: (x) => x.rolearn },
              ),
            ),
            mapUsers: opt(
              fc.uniqueArray(
                fc.record({
                  userarn: arn('user'),
                  username: dnsLabel(12),
                  groups: opt(fc.array(dnsLabel(12), { maxLength: 2 })),
                }),
                { maxLength: 2, selector: (x) => x.userarn },
              ),
            ),
          }),
        ),
        accessEntries: opt(
          fc.uniqueArray(
            fc.record({
              // A different account than awsAuth's never collides with an aws-auth mapping.
              principalARN: fc
                .tuple(dnsLabel(16), fc.constantFrom('role', 'user'))
                .map(([n, w]) => `arn:aws:iam::999999999999:${w}/${n}`),
              kubernetesGroups: fc.array(dnsLabel(12), { minLength: 1, maxLength: 2 }),
              accessPolicies: opt(
                fc.array(
                  fc.record({
                    policyARN: fc
                      .constantFrom(
                        'AmazonEKSClusterAdminPolicy',
                        'AmazonEKSAdminPolicy',
                        'AmazonEKSEditPolicy',
                        'AmazonEKSViewPolicy',
                      )
                      .map((p) => `arn:aws:eks::aws:cluster-access-policy/${p}`),
                    accessScope: fc.oneof(
                      fc.constant({ type: 'cluster' }),
                      fc.record({
                        type: fc.constant('namespace'),
                        namespaces: fc.array(dnsLabel(12), { minLength: 1, maxLength: 2 }),
                      }),
                    ),
                  }),
                  { maxLength: 2 },
                ),
              ),
            }),
            { maxLength: 2, selector: (e) => e.principalARN },
          ),
        ),
        vpc: lbSide ? opt(vpc) : opt(vpc, 4),
        oidcIssuer: opt(chars('0123456789ABCDEF', 32, 32).map((id) => `https://oidc.eks.${r}.amazonaws.com/id/${id}`)),
      })
      .map(clean);
  });
}

const exposure = skeleton.chain((s) => {
  const scheme =
    s.kind === 'alb' || (s.kind === 'loadbalancer' && s.platform !== 'generic')
      ? opt(fc.constantFrom('internet-facing', 'internal'))
      : fc.constant(undefined);
  return scheme.chain((sch) => {
    // ACME http01 needs the internet to reach the challenge.
    const acmeScheme = s.tls === 'acme' && sch === 'internal' && s.kind === 'loadbalancer';
    const ipAllowed = (s.kind === 'loadbalancer' || s.kind === 'none' || s.kind === undefined) && s.tls !== 'acme';
    const aksLb = s.platform === 'aks' && s.kind === 'loadbalancer';
    const dnsLabelArb = fc
      .tuple(chars(lower, 1, 1), chars(lower + digits + '-', 1, 20), chars(lower + digits, 1, 1))
      .map(([a, b, c]) => a + b + c);
    const aks = aksLb
      ? opt(fc.record({ dnsLabel: opt(dnsLabelArb), loadBalancerResourceGroup: opt(dnsLabel(16)) }).map(clean))
      : fc.constant(undefined);
    return fc
      .record({ aks, eks: s.platform === 'eks' ? eksSection(s, sch) : fc.constant(undefined) })
      .chain(({ aks, eks }) => {
        const host: fc.Arbitrary<string> = aks?.dnsLabel
          ? fc.constantFrom('westeurope', 'eastus').map((r) => `${aks.dnsLabel}.${r}.cloudapp.azure.com`)
          : ipAllowed
            ? fc.oneof({ weight: 4, arbitrary: domain }, { weight: 1, arbitrary: ipHost })
            : domain;
        const acme = fc
          .record({
            email,
            environment: opt(fc.constantFrom('production', 'staging')),
            challenge: acmeScheme ? fc.constant('dns01') : opt(fc.constantFrom('http01', 'dns01')),
          })
          .chain((a) =>
            a.challenge === 'dns01'
              ? fc
                  .record({ region, hostedZoneID: opt(chars('Z0123456789ABCDEF', 10, 20)) })
                  .map((r53) => ({ ...a, route53: clean(r53) }))
              : fc.constant(a),
          )
          .map(clean);
        const tls =
          s.tls === undefined
            ? fc.constant(undefined)
            : fc
                .record({
                  mode: fc.constant(s.tls),
                  secretName:
                    s.tls === 'secret'
                      ? dnsLabel(20)
                      : s.tls === 'self-signed' || s.tls === 'acme'
                        ? opt(dnsLabel(20))
                        : fc.constant(undefined),
                  acme: s.tls === 'acme' ? acme : fc.constant(undefined),
                  acmCertificateArn:
                    s.tls === 'acm'
                      ? fc.tuple(accountId, uuid).map(([a, id]) => `arn:aws:acm:${eks!.region}:${a}:certificate/${id}`)
                      : fc.constant(undefined),
                })
                .map(clean);
        const annotations = (prefix: string) =>
          opt(
            fc.dictionary(
              fc.tuple(fc.constantFrom(prefix, 'example.com/'), dnsLabel(12)).map(([p, k]) => p + k),
              annotationValue,
              { maxKeys: 2 },
            ),
          );
        const ingress =
          s.kind === undefined
            ? fc.constant(undefined)
            : fc
                .record({
                  kind: fc.constant(s.kind),
                  scheme: fc.constant(sch),
                  className:
                    s.kind === 'nginx'
                      ? opt(fc.constant('nginx'))
                      : s.kind === 'alb'
                        ? opt(fc.constant('alb'))
                        : fc.constant(undefined),
                  annotations:
                    s.kind === 'nginx'
                      ? annotations('nginx.ingress.kubernetes.io/')
                      : s.kind === 'alb'
                        ? annotations('alb.ingress.kubernetes.io/')
                        : s.kind === 'loadbalancer'
                          ? annotations('service.beta.kubernetes.io/')
                          : fc.constant(undefined),
                })
                .map(clean);
        return fc
          .record({ host, tls, ingress })
          .map(({ host, tls, ingress }) => clean({ host, platform: { provider: s.platform, eks, aks }, tls, ingress }));
      });
  });
});

// ---------------------------------------------------------------------------------------------
// Auth (src/config/validate.ts) and the user ids tenancy may name (validate-tenancy.ts)

type AuthPart = { auth: Obj; users: fc.Arbitrary<string[]> };

const https = fc
  .tuple(domain, fc.array(dnsLabel(8), { maxLength: 2 }))
  .map(([d, p]) => `https://${[d, ...p].join('/')}`);
const session = fc
  .record({ expire: opt(fc.integer({ min: 2, max: 48 })), refresh: opt(fc.integer({ min: 1, max: 59 })) })
  .map(({ expire, refresh }) =>
    clean({
      cookieExpire: expire === undefined ? undefined : `${expire}h`,
      cookieRefresh: refresh === undefined ? undefined : `${refresh}m`,
    }),
  );

/** Ids as the claim carries them; distinct personal profile names, so personalProfiles can stay valid. */
function userIds(kind: 'email' | 'uuid' | 'name'): fc.Arbitrary<string[]> {
  const one = kind === 'email' ? email : kind === 'uuid' ? uuid : dnsLabel(16);
  return fc
    .uniqueArray(one, { minLength: 1, maxLength: 6, selector: personalName })
    .map((ids) => ids.filter(usableAsPersonal));
}

/** Ids whose personal profile would be a valid namespace of a user's own. */
function usableAsPersonal(id: string): boolean {
  const name = personalName(id);
  return (
    name.length <= 63 &&
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) &&
    !PLATFORM_NAMESPACES.includes(name) &&
    !name.startsWith('kube') &&
    name !== EXAMPLE_PROFILE
  );
}

/** Mirrors KFAM's name for a user's own profile (src tenancy plan); kept here to pick distinct ids. */
function personalName(user: string): string {
  return user
    .replace(/[^\w]|\./g, '-')
    .replace(/^-+|-+$|_/g, '')
    .toLowerCase();
}

const authPart: fc.Arbitrary<AuthPart> = fc
  .constantFrom('azure-ad', 'dex', 'cognito', 'oidc')
  .chain((provider): fc.Arbitrary<AuthPart> => {
    const common = { cookieSecret: secretSource, session: opt(session) };
    if (provider === 'azure-ad') {
      return fc
        .record({
          ...common,
          azureAd: fc.record({ tenantId: uuid, clientId: uuid, clientSecret: secretSource }),
          // Entra ID sends group object ids.
          allowedGroups: opt(fc.uniqueArray(uuid, { minLength: 1, maxLength: 3 })),
          userClaim: opt(fc.constantFrom('email', 'upn', 'oid', 'preferred_username')),
          groupsClaim: opt(fc.constant('groups')),
        })
        .map((a) => ({
          auth: clean({ provider, ...a }),
          users: userIds(a.userClaim === 'oid' ? 'uuid' : a.userClaim === 'preferred_username' ? 'name' : 'email'),
        }));
    }
    if (provider === 'cognito') {
      return region.chain((r) =>
        fc
          .record({
            ...common,
            cognito: fc
              .record({
                region: fc.constant(r),
                userPoolId: chars(lower + digits + 'ABCDEF', 4, 12).map((id) => `${r}_${id}`),
                clientId: chars(lower + digits, 26, 26),
                clientSecret: secretSource,
                domain,
                groupsClaim: opt(fc.constantFrom('cognito:groups', 'custom:groups')),
                // At least an hour: the session arbitrary's refresh periods go up to 59m.
                idTokenLifetime: opt(fc.constantFrom('60m', '2h', '24h')),
              })
              .map(clean),
            userClaim: opt(fc.constantFrom('email', 'sub')),
          })
          .map((a) => ({ auth: clean({ provider, ...a }), users: userIds(a.userClaim === 'sub' ? 'uuid' : 'email') })),
      );
    }
    if (provider === 'oidc') {
      return fc
        .record({
          ...common,
          oidc: fc
            .record({
              issuer: https,
              clientId: dnsLabel(16),
              clientSecret: secretSource,
              scopes: opt(fc.subarray(['profile', 'email', 'groups', 'offline_access']).map((s) => ['openid', ...s])),
              emailClaim: opt(fc.constant('email')),
              groupsClaim: opt(fc.constant('groups')),
              endSessionUrl: opt(https),
            })
            .map(clean),
          userClaim: opt(fc.constantFrom('email', 'preferred_username', 'sub')),
          machineTokens: opt(
            fc.record({
              issuers: fc.array(
                fc
                  .record({
                    issuer: https,
                    jwksUri: opt(https),
                    audiences: fc.array(dnsLabel(12), { minLength: 1, maxLength: 2 }),
                  })
                  .map(clean),
                { minLength: 1, maxLength: 2 },
              ),
            }),
          ),
        })
        .map((a) => ({
          auth: clean({ provider, ...a }),
          users: userIds(a.userClaim === 'preferred_username' || a.userClaim === 'sub' ? 'name' : 'email'),
        }));
    }
    // Dex: with only static users, they are the only ids that can sign in.
    const connector = fc.constantFrom('microsoft', 'saml', 'oidc', 'ldap').chain((type) =>
      fc.record({
        type: fc.constant(type),
        id: dnsLabel(12),
        name: chars(lower + lower.toUpperCase() + ' ', 1, 20),
        config:
          type === 'microsoft'
            ? fc
                .record({
                  tenant: uuid,
                  clientID: uuid,
                  clientSecret: secretSource,
                  groups: opt(fc.array(dnsLabel(10), { maxLength: 2 })),
                })
                .map(clean)
            : type === 'oidc'
              ? fc
                  .record({
                    issuer: https,
                    clientID: dnsLabel(12),
                    clientSecret: secretSource,
                    insecureSkipEmailVerified: opt(fc.boolean()),
                  })
                  .map(clean)
              : type === 'ldap'
                ? fc
                    .record({
                      host: domain.map((d) => `${d}:636`),
                      bindDN: fc.constant('CN=svc,DC=example,DC=com'),
                      bindPW: secretSource,
                      rootCAData: opt(secretSource),
                      userSearch: fc.record({
                        baseDN: fc.constant('OU=Users,DC=example,DC=com'),
                        username: fc.constant('sAMAccountName'),
                      }),
                    })
                    .map(clean)
                : fc.record({
                    ssoURL: https,
                    caData: secretSource,
                    usernameAttr: fc.constant('name'),
                    emailAttr: fc.constant('email'),
                  }),
      }),
    );
    return fc
      .record({
        ...common,
        users: fc.uniqueArray(email, { maxLength: 4, selector: personalName }),
        connectors: fc.uniqueArray(connector, { maxLength: 2, selector: (k) => k.id }),
        clientSecret: secretSource,
      })
      .filter((a) => a.users.length + a.connectors.length > 0)
      .map(({ users, connectors, clientSecret, ...rest }) => {
        const dex = clean({
          users: users.length ? users.map((e) => ({ email: e, passwordHash: { env: '' } })) : undefined,
          connectors: connectors.length ? connectors : undefined,
          clientSecret,
        });
        const ids = connectors.length ? userIds('email') : fc.constant(users.filter(usableAsPersonal));
        return { auth: clean({ provider: 'dex', dex, ...rest }), users: ids };
      });
  });

// ---------------------------------------------------------------------------------------------
// Tenancy (src/config/validate-tenancy.ts)

function tenancyPart(users: string[]): fc.Arbitrary<Obj> {
  if (!users.length) return fc.constant({});
  const user = fc.constantFrom(...users);
  return fc
    .record({
      groups: opt(fc.dictionary(dnsLabel(10), fc.uniqueArray(user, { minLength: 1, maxLength: 3 }), { maxKeys: 2 })),
      personal: fc.boolean(),
      keepExample: fc.boolean(),
      admin: opt(user),
      profileNames: fc.uniqueArray(
        dnsLabel(20).map((n) => `team-${n}`),
        { maxLength: 3 },
      ),
    })
    .chain(({ groups, personal, keepExample, admin, profileNames }) => {
      const groupNames = Object.keys(groups ?? {});
      const personalNames = new Set(personal ? users.map(personalName) : []);
      const names = profileNames.filter(
        (n) => !personalNames.has(n) && !PLATFORM_NAMESPACES.includes(n) && n.length <= 63,
      );
      const profiles = fc.tuple(
        ...names.map((name) =>
          user.chain((owner) =>
            fc.record({
              name: fc.constant(name),
              owner: fc.constant(owner),
              contributors: opt(
                fc
                  .tuple(
                    fc
                      .uniqueArray(fc.constantFrom(...users), { maxLength: 2 })
                      .map((us) => us.filter((u) => u !== owner)),
                    groupNames.length ? fc.subarray(groupNames) : fc.constant([] as string[]),
                    fc.constantFrom('edit', 'view'),
                  )
                  .map(([us, gs, role]) => [
                    ...us.map((u) => ({ user: u, role })),
                    ...gs.map((g) => ({ group: g, role })),
                  ]),
              ),
              quota: opt(fc.record({ cpu: fc.constantFrom('4', '16'), memory: fc.constantFrom('16Gi', '64Gi') })),
            }),
          ),
        ),
      );
      return profiles.chain((ps) => {
        // Personal profiles exist for the users the config names (owners, contributors, group members, the admin).
        const named = new Set([
          ...ps.flatMap((p) => [p.owner, ...(p.contributors ?? []).flatMap((k) => ('user' in k ? [k.user] : []))]),
          ...Object.values(groups ?? {}).flat(),
          ...(admin ? [admin] : []),
        ]);
        const all = [
          ...ps.map((p) => p.name),
          ...(personal ? [...named].map(personalName) : []),
          ...(keepExample ? [EXAMPLE_PROFILE] : []),
        ];
        const access = all.length
          ? fc.uniqueArray(
              fc
                .record({
                  profile: fc.constantFrom(...all),
                  serviceAccount: opt(dnsLabel(20)),
                  pipelines: opt(fc.constantFrom('edit', 'view')),
                  clientPod: opt(fc.boolean()),
                })
                .map(clean),
              { maxLength: 3, selector: (a) => `${a.profile}/${a.serviceAccount ?? 'default-editor'}` },
            )
          : fc.constant([]);
        return access.map((pa) =>
          clean({
            profiles: ps.length
              ? ps.map((p) => clean({ ...p, contributors: p.contributors?.length ? p.contributors : undefined }))
              : undefined,
            groups,
            tenancy:
              personal || keepExample || admin
                ? clean({
                    personalProfiles: personal || undefined,
                    keepExampleProfile: keepExample || undefined,
                    admin,
                  })
                : undefined,
            programmaticAccess: pa.length ? pa : undefined,
          }),
        );
      });
    });
}

// ---------------------------------------------------------------------------------------------
// The whole config

const require = createRequire(import.meta.url);
/** Rule ids as `kfgen rules` lists them; severities that can only lower a finding keep builds valid. */
const RULE_IDS: string[] = catalog.map((r) => r.meta.id);

export const validConfig: fc.Arbitrary<ConfigCase> = fc
  .record({
    exposure,
    auth: authPart,
    manifests: fc.constantFrom('path', 'git'),
    lint: opt(
      fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom('off', 'warning', 'info'), {
        minKeys: 1,
        maxKeys: 3,
      }),
      4,
    ),
    format: fc.constantFrom('yaml', 'yaml', 'json') as fc.Arbitrary<'yaml' | 'json'>,
    cookie: cookieValue,
    values: fc.array(secretValue, { minLength: 20, maxLength: 20 }),
    eksTokens: fc.boolean(),
  })
  .chain((r) =>
    r.auth.users.chain((users) =>
      tenancyPart(users).map((tenancy) => {
        const config: Obj = clean({
          manifests:
            r.manifests === 'path'
              ? { version: 'v1.9.1', path: 'manifests' }
              : { version: 'v1.9.1', git: 'https://github.com/kubeflow/manifests' },
          ...r.exposure,
          auth: { ...r.auth.auth },
          ...tenancy,
          lint: r.lint ? { rules: r.lint } : undefined,
        });
        // machineTokens.eks needs the EKS cluster's issuer.
        if (config.platform.provider === 'eks' && config.platform.eks.oidcIssuer && r.eksTokens)
          config.auth.machineTokens = { ...(config.auth.machineTokens ?? {}), eks: true };
        return finishSecrets(structuredClone(config), r.cookie, r.values, r.format);
      }),
    ),
  );

/** Gives every `env`/`file` source a unique name and a value of the form its consumer needs. */
function finishSecrets(config: Obj, cookie: string, values: string[], format: 'yaml' | 'json'): ConfigCase {
  const env: Record<string, string> = {};
  const files: Record<string, string> = {};
  let n = 0;
  const walk = (node: any, path: Path): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, [...path, i]));
    const keys = Object.keys(node);
    if (keys.length === 1 && (keys[0] === 'env' || keys[0] === 'file')) {
      const key = path[path.length - 1];
      const value = key === 'cookieSecret' ? cookie : key === 'passwordHash' ? BCRYPT_HASH : values[n % values.length]!;
      n++;
      if (keys[0] === 'env') {
        node.env = `FUZZ_SECRET_${n}`;
        env[node.env] = value;
      } else {
        node.file = `secrets-in/${n}.txt`;
        files[node.file] = `${value}\n`;
      }
      return;
    }
    for (const k of keys) walk(node[k], [...path, k]);
  };
  walk(config, []);
  return { config, env, files, format };
}

// ---------------------------------------------------------------------------------------------
// Mutations that make a valid config invalid

/** Every property name the schema knows: an added key outside these is unknown everywhere. */
const SCHEMA_KEYS: Set<string> = (() => {
  const schema = require('../../schemas/kfgen.config.schema.json');
  const keys = new Set<string>();
  const walk = (s: any) => {
    if (!s || typeof s !== 'object') return;
    if (s.properties) for (const k of Object.keys(s.properties)) keys.add(k);
    for (const v of Object.values(s)) walk(v);
  };
  walk(schema);
  return keys;
})();

/** Maps whose keys are the user's (annotations, quotas, groups) and Dex's free-form connector config. */
const OPEN = [
  /^ingress\.annotations$/,
  /^profiles\[\d+\]\.quota$/,
  /^groups$/,
  /^auth\.dex\.connectors\[\d+\]\.config/,
];
const isOpen = (p: string) => OPEN.some((re) => re.test(p));

function dotted(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function nodes(root: any, path: Path = []): Array<{ path: Path; value: any }> {
  const out: Array<{ path: Path; value: any }> = [];
  const walk = (v: any, p: Path) => {
    if (p.length) out.push({ path: p, value: v });
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...p, k]);
  };
  walk(root, path);
  return out;
}

const isSource = (v: any) =>
  v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  ['env', 'file', 'existingSecret'].includes(Object.keys(v)[0]!);
const SECRET_PATHS = [
  /^auth\.(cookieSecret|azureAd\.clientSecret|cognito\.clientSecret|oidc\.clientSecret|dex\.clientSecret)$/,
  /^auth\.dex\.users\[\d+\]\.passwordHash$/,
  /^auth\.dex\.connectors\[\d+\]\.config\.(clientSecret|bindPW)$/,
];

function setAt(root: Obj, path: Path, value: unknown): void {
  let node: any = root;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1]!] = value;
}
function deleteAt(root: Obj, path: Path): void {
  let node: any = root;
  for (const k of path.slice(0, -1)) node = node[k];
  if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
  else delete node[path[path.length - 1]!];
}
const copy = <T>(v: T): T => structuredClone(v);

/** Fields with a `@pattern` in types.ts, and values no pattern of theirs takes. */
const PATTERNED: Array<[RegExp, string[]]> = [
  [
    /^host$/,
    [
      'Kubeflow.Example.com',
      'kubeflow_example.com',
      'https://kubeflow.example.com',
      'kubeflow.example.com.',
      '-kubeflow.example.com',
      'a'.repeat(64) + '.example.com',
      `${'abcdefghij.'.repeat(23)}com`,
    ],
  ],
  [/^platform\.eks\.clusterName$/, ['1cluster', 'my_cluster', '']],
  [/^platform\.eks\.region$/, ['eu-west', 'EU-WEST-1', 'euwest1']],
  [/^platform\.eks\.kubernetesVersion$/, ['1.3', 'v1.30', '1.30.2', '2.01']],
  [/^platform\.eks\.nodeGroups\[\d+\]\.name$/, ['0workers', 'work ers']],
  [
    /^platform\.eks\.oidcIssuer$/,
    ['https://oidc.eks.us-east-1.amazonaws.com/id/abc', 'http://oidc.eks.us-east-1.amazonaws.com/id/ABC'],
  ],
  [
    /^platform\.eks\.accessEntries\[\d+\]\.principalARN$/,
    ['arn:aws:iam::123:role/x', 'arn:aws:iam::123456789012:group/x'],
  ],
  [/^platform\.eks\.awsAuth\.mapRoles\[\d+\]\.rolearn$/, ['arn:aws:iam::123456789012:user/x', 'role/x']],
  [/^platform\.eks\.awsAuth\.mapUsers\[\d+\]\.userarn$/, ['arn:aws:iam::123456789012:role/x']],
  [/^tls\.acmCertificateArn$/, ['arn:aws:acm:us-east-1:123:certificate/x', 'arn:aws:iam::123456789012:certificate/x']],
  [/^tls\.acme\.email$/, ['nobody', 'a@b@c']],
  [/^auth\.cognito\.region$/, ['europe']],
  [/^auth\.cognito\.userPoolId$/, ['pool-123', 'eu-west-1-abc']],
  [
    /^auth\.(oidc\.issuer|machineTokens\.issuers\[\d+\]\.issuer)$/,
    ['http://idp.example.com', 'idp.example.com', 'https://idp example.com'],
  ],
  [/^auth\.azureAd\.(tenantId|clientId)$/, ['contoso.onmicrosoft.com', '72f988bf-86f1-41af-91ab-2d7cd011db4']],
  [/^auth\.dex\.users\[\d+\]\.email$/, ['admin', 'ad min@example.com']],
  [/^auth\.dex\.connectors\[\d+\]\.id$/, ['Entra', 'my_ad', '-x']],
  [/^auth\.session\.(cookieExpire|cookieRefresh)$/, ['1d', '24', '1.5h', '30 m']],
  [/^profiles\[\d+\]\.name$/, ['Team-A', 'team_a', 'team-', 'a'.repeat(64)]],
];

const ENUMS = [
  /^manifests\.version$/,
  /^platform\.provider$/,
  /^tls\.mode$/,
  /^tls\.acme\.(environment|challenge)$/,
  /^ingress\.(kind|scheme)$/,
  /^auth\.provider$/,
  /^auth\.dex\.connectors\[\d+\]\.type$/,
  /^profiles\[\d+\]\.contributors\[\d+\]\.role$/,
  /^programmaticAccess\[\d+\]\.pipelines$/,
  /^lint\.rules\./,
  /^platform\.eks\.accessEntries\[\d+\]\.accessPolicies\[\d+\]\.accessScope\.type$/,
];

/** Required by the schema, or by a cross-field rule in the case the valid config is in. */
const REQUIRED = [
  /^(manifests|host|platform|auth)$/,
  /^manifests\.version$/,
  /^platform\.provider$/,
  /^platform\.eks$/,
  /^platform\.eks\.(clusterName|region|kubernetesVersion|nodeGroups)$/,
  /^platform\.eks\.nodeGroups\[\d+\]\.(name|instanceType|minSize|desiredCapacity|maxSize)$/,
  /^platform\.eks\.awsAuth\.map(Roles|Users)\[\d+\]\.(rolearn|userarn|username)$/,
  /^platform\.eks\.accessEntries\[\d+\]\.principalARN$/,
  /^platform\.eks\.accessEntries\[\d+\]\.accessPolicies\[\d+\]\.(policyARN|accessScope)$/,
  /^tls\.mode$/,
  /^tls\.acme(\.email)?$/,
  /^tls\.acme\.route53(\.region)?$/,
  /^tls\.acmCertificateArn$/,
  /^ingress\.kind$/,
  /^auth\.(provider|cookieSecret|azureAd|cognito|oidc|dex)$/,
  /^auth\.azureAd\.(tenantId|clientId|clientSecret)$/,
  /^auth\.cognito\.(region|userPoolId|clientId|clientSecret|domain)$/,
  /^auth\.oidc\.(issuer|clientId|clientSecret)$/,
  /^auth\.dex\.clientSecret$/,
  /^auth\.dex\.users\[\d+\]\.(email|passwordHash)$/,
  /^auth\.dex\.connectors\[\d+\]\.(type|id|name|config)$/,
  /^auth\.machineTokens\.issuers\[\d+\]\.(issuer|audiences)$/,
  /^profiles\[\d+\]\.(name|owner)$/,
  /^profiles\[\d+\]\.contributors\[\d+\]\.(role|user|group)$/,
  /^programmaticAccess\[\d+\]\.profile$/,
  /\.existingSecret\.(name|key)$/,
];

type Mutator = (c: ConfigCase, pick: number, junk: Json) => InvalidCase | undefined;

const choose = <T>(xs: T[], pick: number): T | undefined => (xs.length ? xs[pick % xs.length] : undefined);

function otherType(v: any, junk: Json): Json {
  const kind = (x: any) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  if (kind(junk) !== kind(v) && !(typeof v === 'number' && typeof junk === 'number')) return junk;
  return typeof v === 'string'
    ? 42
    : typeof v === 'number'
      ? String(v)
      : typeof v === 'boolean'
        ? 'yes'
        : Array.isArray(v)
          ? { a: 1 }
          : v === null
            ? 'x'
            : ['x'];
}

const MUTATORS: Record<string, Mutator> = {
  wrongType(c, pick, junk) {
    // Every typed node; inside a Dex connector's config any value goes.
    const n = choose(
      nodes(c.config).filter(({ path }) => !/^auth\.dex\.connectors\[\d+\]\.config\./.test(dotted(path))),
      pick,
    );
    if (!n) return undefined;
    const config = copy(c.config);
    const value = otherType(n.value, junk);
    setAt(config, n.path, value);
    return {
      ...c,
      config,
      mutation: `wrong type at ${dotted(n.path)}: ${JSON.stringify(value)}`,
      path: dotted(n.path),
      // Whether a literal is echoed is the literalSecret mutation's to check: a junk "x" is in any message.
    };
  },
  unknownKey(c, pick, junk) {
    const objects = [{ path: [] as Path, value: c.config }, ...nodes(c.config)].filter(
      ({ path, value }) =>
        value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        !isOpen(dotted(path)) &&
        !/^lint\.rules$|^platform\.eks\.vpc\.subnets\.(public|private)$/.test(dotted(path)),
    );
    const o = choose(objects, pick);
    if (!o) return undefined;
    const existing = Object.keys(o.value);
    // A near miss of a key that is there (a typo), or a word no schema object knows.
    const base = existing.length && pick % 2 ? existing[pick % existing.length]! : 'colour';
    const key = [`${base}s`, `${base}_`, `${base.slice(0, -1)}`, `x${base}`, 'colourZ'].find(
      (k) => k && !SCHEMA_KEYS.has(k) && !existing.includes(k),
    )!;
    const config = copy(c.config);
    const target = o.path.length
      ? (nodes(config).find((n) => dotted(n.path) === dotted(o.path))!.value as Obj)
      : config;
    target[key] = junk;
    return { ...c, config, mutation: `unknown key ${dotted([...o.path, key])}`, path: dotted([...o.path, key]) };
  },
  badPattern(c, pick) {
    const fields = nodes(c.config).flatMap(({ path, value }) => {
      const entry = PATTERNED.find(([re]) => re.test(dotted(path)));
      return entry && typeof value === 'string' ? [{ path, values: entry[1] }] : [];
    });
    const f = choose(fields, pick);
    if (!f) return undefined;
    const value = f.values[Math.floor(pick / fields.length) % f.values.length]!;
    const config = copy(c.config);
    setAt(config, f.path, value);
    return { ...c, config, mutation: `bad value at ${dotted(f.path)}: ${JSON.stringify(value)}`, path: dotted(f.path) };
  },
  badEnum(c, pick) {
    const fields = nodes(c.config).filter(
      ({ path, value }) => typeof value === 'string' && ENUMS.some((re) => re.test(dotted(path))),
    );
    const f = choose(fields, pick);
    if (!f) return undefined;
    const value = [f.value.toUpperCase(), `${f.value}x`, f.value.slice(0, -1), ''][pick % 4]!;
    const config = copy(c.config);
    setAt(config, f.path, value);
    return {
      ...c,
      config,
      mutation: `not an allowed value at ${dotted(f.path)}: ${JSON.stringify(value)}`,
      path: dotted(f.path),
    };
  },
  missingRequired(c, pick) {
    const fields = nodes(c.config).filter(({ path }) => {
      const p = dotted(path);
      if (p === 'tls.secretName') return c.config.tls.mode === 'secret';
      return REQUIRED.some((re) => re.test(p));
    });
    const f = choose(fields, pick);
    if (!f) return undefined;
    const config = copy(c.config);
    deleteAt(config, f.path);
    const p = dotted(f.path);
    return { ...c, config, mutation: `missing ${p}`, path: p };
  },
  literalSecret(c, pick, junk) {
    const fields = nodes(c.config).filter(
      ({ path, value }) => isSource(value) && SECRET_PATHS.some((re) => re.test(dotted(path))),
    );
    const f = choose(fields, pick);
    if (!f) return undefined;
    const literal = `Lit3ral-${typeof junk === 'string' && /^[A-Za-z0-9]{4,}$/.test(junk) ? junk : 'S3cr3tValue'}`;
    const config = copy(c.config);
    setAt(config, f.path, literal);
    return { ...c, config, mutation: `literal secret at ${dotted(f.path)}`, path: dotted(f.path), secret: literal };
  },
  crossField(c, pick) {
    const config = copy(c.config);
    const options: Array<() => InvalidCase | undefined> = [
      () => {
        if (!config.profiles?.length) return undefined;
        config.profiles.push(copy(config.profiles[0]));
        return { ...c, config, mutation: 'duplicate profile', path: `profiles[${config.profiles.length - 1}].name` };
      },
      () => {
        if (!config.profiles?.length) return undefined;
        config.profiles[0].contributors = [
          ...(config.profiles[0].contributors ?? []),
          { group: 'no-such-group-zz', role: 'view' },
        ];
        return {
          ...c,
          config,
          mutation: 'contributor names an undefined group',
          path: `profiles[0].contributors[${config.profiles[0].contributors.length - 1}].group`,
        };
      },
      () => {
        config.programmaticAccess = [...(config.programmaticAccess ?? []), { profile: 'no-such-profile-zz' }];
        return {
          ...c,
          config,
          mutation: 'programmatic access to an undeclared profile',
          path: `programmaticAccess[${config.programmaticAccess.length - 1}].profile`,
        };
      },
      () => {
        if (!config.platform.eks) return undefined;
        const g = config.platform.eks.nodeGroups[0];
        g.minSize = g.maxSize + 1;
        return { ...c, config, mutation: 'node group minSize > maxSize', path: 'platform.eks.nodeGroups[0]' };
      },
      () => {
        config.auth.session = { cookieExpire: '1h', cookieRefresh: '2h' };
        return { ...c, config, mutation: 'cookieRefresh longer than cookieExpire', path: 'auth.session.cookieRefresh' };
      },
      () => {
        config.manifests = { version: 'v1.9.1', path: 'manifests', git: 'https://github.com/kubeflow/manifests' };
        return { ...c, config, mutation: 'manifests path and git', path: 'manifests' };
      },
      () => {
        if (!config.profiles?.length) return undefined;
        config.profiles[0].name = PLATFORM_NAMESPACES[pick % PLATFORM_NAMESPACES.length];
        return { ...c, config, mutation: 'a platform namespace as a profile', path: 'profiles[0].name' };
      },
      () => {
        const other = config.platform.provider === 'eks' ? 'generic' : 'eks';
        if (other === 'eks') return undefined;
        config.platform.provider = other;
        return { ...c, config, mutation: 'platform.eks without provider eks', path: 'platform.eks' };
      },
      () => {
        const sections = { 'azure-ad': 'azureAd', dex: 'dex', cognito: 'cognito', oidc: 'oidc' } as Record<
          string,
          string
        >;
        const other = Object.keys(sections).find((p) => p !== config.auth.provider)!;
        config.auth[sections[other]!] = copy(config.auth[sections[config.auth.provider]!]);
        return {
          ...c,
          config,
          mutation: `auth.${sections[other]} beside provider ${config.auth.provider}`,
          path: `auth.${sections[other]}`,
        };
      },
      () => {
        if (!config.tls || config.tls.mode === 'acm') return undefined;
        config.tls = { ...config.tls, mode: 'none', secretName: 'kubeflow-tls' };
        delete config.tls.acme;
        return { ...c, config, mutation: 'tls none with a secretName', path: 'tls.secretName' };
      },
      () => {
        const key = ['auth', 'cookieSecret'];
        setAt(config, key, { existingSecret: { name: 'oauth2-proxy', key: 'cookie' } });
        return {
          ...c,
          config,
          mutation: 'existingSecret named as a generated Secret',
          path: 'auth.cookieSecret.existingSecret.name',
        };
      },
      () => {
        config.lint = { rules: { 'no-such-rule-zz': 'off' } };
        return { ...c, config, mutation: 'unknown lint rule', path: 'lint.rules.no-such-rule-zz' };
      },
    ];
    for (let i = 0; i < options.length; i++) {
      const r = options[(pick + i) % options.length]!();
      if (r) return r;
    }
    return undefined;
  },
  /** Secret sources that point at nothing usable when `kfgen build` reads them. */
  badSecretValue(c, pick) {
    const sources = nodes(c.config).filter(({ value }) => isSource(value) && !('existingSecret' in value));
    const f = choose(sources, pick);
    if (!f) return undefined;
    const env = { ...c.env };
    const files = { ...c.files };
    const p = dotted(f.path);
    const how = pick % 4;
    if ('env' in f.value) {
      if (how === 0) delete env[f.value.env];
      else if (how === 1) env[f.value.env] = '';
      else env[f.value.env] = how === 2 ? 'line one\nline two' : 'line one\rline two';
    } else if (how === 0) delete files[f.value.file];
    else files[f.value.file] = ['', '\n', 'line one\r\nline two\n', 'line one\nline two'][how]!;
    return { ...c, env, files, mutation: `unusable secret at ${p}`, path: p };
  },
  badCookie(c, pick) {
    const source = c.config.auth.cookieSecret;
    if ('existingSecret' in source) return undefined;
    const value = [
      'short',
      'x'.repeat(33),
      Buffer.alloc(32, 9).toString('base64').replace(/=+$/, '') + '+/',
      '0123456789abcde',
    ][pick % 4]!;
    const env = { ...c.env };
    const files = { ...c.files };
    if ('env' in source) env[source.env] = value;
    else files[source.file] = value;
    return { ...c, env, files, mutation: `cookie secret ${JSON.stringify(value)}`, path: 'auth.cookieSecret' };
  },
};

/**
 * `depth` mappings, each holding the one before through an alias: textually flat, `depth` levels
 * deep once the aliases are followed (a parser's own depth limit never sees it).
 */
export function aliasChain(depth: number, indent = ''): string {
  const lines = [`${indent}a0: &a0 [end]`];
  for (let i = 1; i < depth; i++) lines.push(`${indent}a${i}: &a${i} [*a${i - 1}]`);
  return `${lines.join('\n')}\n`;
}

/** `levels` lists, each repeating the one above `width` times: width^levels values if expanded. */
export function aliasBomb(levels: number, width: number, indent = ''): string {
  const lines = [`${indent}l0: &l0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `${indent}l${i}: &l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * YAML that a recursive reader cannot survive: cyclic aliases (to a parent, to the document),
 * alias chains and literal nesting past the depth limit, including 100,000 `[` with and without
 * their `]`. Every entry point (config, lint, kfgen-fn, lint-repo) must refuse each in one line.
 */
export const HOSTILE_YAML: Array<(key: string) => string> = [
  (k) => `${k}: &a [*a]\n`,
  (k) => `${k}: &a\n  x: {y: [1, *a]}\n`,
  (k) => `${k}:\n${aliasChain(150, '  ')}`,
  (k) => `${k}:\n${aliasBomb(8, 10, '  ')}`,
  (k) => `${k}: ${'['.repeat(100_000)}\n`,
  (k) => `${k}: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
  (k) => `${k}: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
  (k) => `${k}:\n${'- '.repeat(50_000)}x\n`,
];

/** The YAML text without the top-level key `key` and the lines indented under it. */
function withoutTopLevel(text: string, key: string): string {
  let inside = false;
  const kept = text.split('\n').filter((line) => {
    if (!/^[\s-]/.test(line) && line) inside = line.startsWith(`${key}:`);
    return !inside;
  });
  return `${kept.join('\n').replace(/\n*$/, '')}\n`;
}

/** A manifest file for `kfgen lint` with hostile YAML under a field, alone or after a good document. */
export interface ManifestCase {
  what: string;
  text: string;
}

export const hostileManifest: fc.Arbitrary<ManifestCase> = fc
  .record({ i: fc.nat(HOSTILE_YAML.length - 1), key: fc.constantFrom('spec', 'data', 'metadata'), after: fc.boolean() })
  .map(({ i, key, after }) => {
    const head = 'apiVersion: example.com/v1\nkind: Widget\n';
    const doc = `${head}${key === 'metadata' ? '' : 'metadata: {name: w}\n'}${HOSTILE_YAML[i]!(key)}`;
    const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: kubeflow}\ndata: {a: b}\n';
    return {
      what: `hostile YAML #${i} under ${key}${after ? ' after a good document' : ''}`,
      text: after ? `${good}---\n${doc}` : doc,
    };
  });

/** Text-level damage: the file is no longer a config, or no longer YAML. */
const JUNK_TEXT: Array<(text: string, pick: number, junk: string) => string> = [
  (t, pick) => t.slice(0, Math.max(1, pick % t.length)) + '\n  : [\n',
  (t) => t.replace(/\n/, '\n\t'),
  (t) => `${t}\n${t.split('\n')[0]}\n`, // a duplicate top-level key
  (t) => t.replace(/:/, ': {'),
  () => '',
  () => '# only a comment\n',
  () => '~\n',
  (_t, _p, junk) => junk,
  () => 'just a string\n',
  () => '- a\n- b\n',
  () => '42\n',
  () => '{ "host": "a", }}\n',
  (t) => `${t}\n---\nhost: second-document\n`,
  () => '\u0000\u0001\u0002binary\uFFFD\n',
  (t) => t.replace(/host: /, 'host: &a [*a]\n'),
  () =>
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
  () => `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  ...HOSTILE_YAML.map((hostile) => (t: string, pick: number) => {
    // In place of one of the config's own fields, or beside them.
    const keys = ['host', 'auth', 'platform', 'lint', 'tenancy', 'extra'];
    const key = keys[pick % keys.length]!;
    return `${withoutTopLevel(t, key)}${hostile(key)}`;
  }),
  () => '&r\nhost: x\nauth: *r\n',
];

/** A JSON value that shrinks well: most mutations do not care what exactly was written. */
const junkValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1.5, '', 'x', [], {}, ['x'], { a: 1 }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

export const invalidConfig: fc.Arbitrary<InvalidCase> = fc
  .record({
    base: validConfig,
    kind: fc.constantFrom(...Object.keys(MUTATORS), 'junkText', 'junkText'),
    pick: fc.nat(10_000),
    junk: junkValue,
    junkText: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    ),
  })
  .map(({ base, kind, pick, junk, junkText }) => {
    if (kind === 'junkText') {
      const i = pick % JUNK_TEXT.length;
      return {
        ...base,
        format: 'yaml' as const,
        text: JUNK_TEXT[i]!(configText({ ...base, format: 'yaml' }), pick, junkText),
        mutation: `junk text #${i}`,
      };
    }
    return MUTATORS[kind]!(base, pick, junk) ?? MUTATORS.literalSecret!(base, pick, junk)!;
  });

export function configText(c: ConfigCase): string {
  if (c.format === 'json') return `${JSON.stringify(c.config, null, 2)}\n`;
  return yamlDump(c.config);
}

function yamlDump(v: unknown): string {
  const YAML = require('yaml') as typeof import('yaml');
  return YAML.stringify(v, { lineWidth: 0 });
}

/** The same config with every map's keys in another order: output must not change (README). */
export function shuffledKeys<T>(v: T, seed: number): T {
  let s = seed || 1;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
  const walk = (x: any): any => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const keys = Object.keys(x).sort((a, b) => (rand() % 3) - 1 || a.localeCompare(b));
      return Object.fromEntries(keys.reverse().map((k) => [k, walk(x[k])]));
    }
    return x;
  };
  return walk(v);
}

// ---------------------------------------------------------------------------------------------
// Malformed KRM ResourceLists (src/krm)

export interface ListCase {
  what: string;
  stdin: string;
  /** A field path the error must name (for bad function configs). */
  path?: string;
}

const RL = (body: Obj) => yamlDump({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', ...body });
const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'kubeflow' },
  data: { a: 'b' },
});

function nested(depth: number, array: boolean): string {
  return array ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const malformedList: fc.Arbitrary<ListCase> = fc.oneof(
  fc.constantFrom('', ' ', '\n\n', '---\n', '# only a comment\n').map((stdin) => ({ what: 'empty input', stdin })),
  fc
    .uint8Array({ minLength: 1, maxLength: 300 })
    .map((b) => ({ what: 'binary junk', stdin: Buffer.from(b).toString('utf8') })),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map((s) => ({ what: 'random text', stdin: s })),
  fc
    .constantFrom(
      'items: [unclosed\n',
      'kind: ResourceList\n\titems: []\n',
      '{{}}',
      'a: b: c\n',
      'kind: ResourceList\nkind: ResourceList\n',
      '%YAML 9.9\n---\na: 1\n',
      '!!binary x\n',
    )
    .map((stdin) => ({ what: 'not YAML', stdin })),
  fc
    .constantFrom('hello\n', '42\n', '- a\n- b\n', 'null\n', 'true\n', '"kind: ResourceList"\n')
    .map((stdin) => ({ what: 'not a mapping', stdin })),
  fc
    .oneof(
      fc.constantFrom<Json>('Deployment', 'resourcelist', 'Resource List', 42, null, ['ResourceList'], { a: 1 }),
      chars(lower, 1, 10) as fc.Arbitrary<Json>,
    )
    .filter((k) => !(typeof k === 'string' && k.endsWith('List')))
    .map((kind) => ({
      what: `wrong kind ${JSON.stringify(kind)}`,
      stdin: yamlDump({ apiVersion: 'config.kubernetes.io/v1', kind, items: [] }),
    })),
  fc
    .constantFrom<Json>(42, 'a', { a: 1 }, true)
    .map((items) => ({ what: `items ${JSON.stringify(items)}`, stdin: RL({ items }) })),
  fc
    .constantFrom<Json>(42, 'a', null, ['x'], true)
    .map((item) => ({ what: `an item ${JSON.stringify(item)}`, stdin: RL({ items: [configMap('ok'), item] }) })),
  fc.constantFrom<Json>(42, 'a', ['x'], true).map((fcfg) => ({
    what: `functionConfig ${JSON.stringify(fcfg)}`,
    stdin: RL({ items: [], functionConfig: fcfg }),
  })),
  fc
    .record({
      apiVersion: fc.constantFrom<Json>('example.com/v1', 'kfgen.dev/v2', 'kfgen.dev', 42, null),
      kind: fc.constantFrom<Json>('KfgenConfig', 'KfgenLint', 'Other', 42),
    })
    .map((f) => ({
      what: `functionConfig ${JSON.stringify(f)}`,
      stdin: RL({ items: [], functionConfig: { ...f, metadata: { name: 'x' } } }),
      path: 'apiVersion',
    })),
  fc.constantFrom<Json>('Other', 42, null, 'kfgenconfig').map((kind) => ({
    what: `functionConfig kind ${JSON.stringify(kind)}`,
    stdin: RL({ items: [], functionConfig: { apiVersion: 'kfgen.dev/v1alpha1', kind, metadata: { name: 'x' } } }),
    path: 'kind',
  })),
  fc
    .constantFrom<Json>(
      42,
      'x',
      ['a'],
      { rulez: {} },
      { rules: 'all' },
      { rules: { 'no-such-rule': 'off' } },
      { rules: { 'cookie-secret-length': 'fatal' } },
    )
    .map((spec) => ({
      what: `KfgenLint spec ${JSON.stringify(spec)}`,
      stdin: RL({
        items: [configMap('a')],
        functionConfig: { apiVersion: 'kfgen.dev/v1alpha1', kind: 'KfgenLint', metadata: { name: 'x' }, spec },
      }),
      path: 'spec',
    })),
  fc.constantFrom<Json>(undefined as unknown as Json, 42, 'x', [], null).map((spec) => ({
    what: `KfgenConfig spec ${JSON.stringify(spec)}`,
    stdin: RL({
      items: [],
      functionConfig: clean({ apiVersion: 'kfgen.dev/v1alpha1', kind: 'KfgenConfig', metadata: { name: 'x' }, spec }),
    }),
    path: 'spec',
  })),
  invalidConfig
    .filter(
      (c) =>
        c.text === undefined && !c.mutation.startsWith('unusable secret') && !c.mutation.startsWith('cookie secret'),
    )
    .map((c) => ({
      what: `KfgenConfig spec: ${c.mutation}`,
      stdin: RL({
        items: [],
        functionConfig: {
          apiVersion: 'kfgen.dev/v1alpha1',
          kind: 'KfgenConfig',
          metadata: { name: 'platform' },
          spec: c.config,
        },
      }),
      path: `spec.${c.path}`,
    })),
  fc
    .record({
      depth: fc.integer({ min: 1_000, max: 100_000 }),
      array: fc.boolean(),
      where: fc.constantFrom('item', 'spec', 'root'),
    })
    .map(({ depth, array, where }) => ({
      what: `nesting ${depth} deep in ${where}`,
      stdin:
        where === 'root'
          ? nested(depth, array)
          : where === 'item'
            ? `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: deep}\n  data: ${nested(depth, array)}\n`
            : `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: {apiVersion: kfgen.dev/v1alpha1, kind: KfgenConfig, metadata: {name: x}, spec: {host: ${nested(depth, array)}}}\n`,
    })),
  fc.integer({ min: 6, max: 12 }).map((n) => {
    // Each level repeats the one above n times: n^6 strings if anything expands the aliases.
    const levels = ['l0: &l0 [lol, lol, lol]'];
    for (let i = 1; i <= 6; i++)
      levels.push(
        `  l${i}: &l${i} [${Array(n)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return {
      what: `alias bomb ${n}^6 in an item`,
      // In a kind no schema knows, so nothing but the size can stop it.
      stdin: `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: example.com/v1\n  kind: Widget\n  metadata: {name: bomb}\n  spec:\n    ${levels[0]}\n${levels
        .slice(1)
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    };
  }),
  fc
    .record({ i: fc.nat(HOSTILE_YAML.length - 1), where: fc.constantFrom('root', 'item', 'spec', 'functionConfig') })
    .map(({ i, where }) => {
      const pad = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
      const head = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
      const fcHead = 'functionConfig:\n  apiVersion: kfgen.dev/v1alpha1\n  kind: KfgenConfig\n  metadata: {name: x}\n';
      const stdin = {
        root: `${head}items: []\n${HOSTILE_YAML[i]!('x')}`,
        item: `${head}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: h}\n${pad(HOSTILE_YAML[i]!('data'), '  ')}`,
        spec: `${head}items: []\n${fcHead}  spec:\n${pad(HOSTILE_YAML[i]!('host'), '    ')}`,
        functionConfig: `${head}items: []\n${HOSTILE_YAML[i]!('functionConfig')}`,
      }[where];
      return { what: `hostile YAML #${i} in ${where}`, stdin };
    }),
  fc
    .constantFrom(
      '&r\nitems: [*r]\n',
      '&r\napiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nx: *r\n',
    )
    .map((stdin) => ({ what: 'the whole input aliased inside itself', stdin })),
  fc.integer({ min: 1, max: 4 }).map((mb) => ({
    what: `a ${mb} MB scalar`,
    stdin: RL({ items: [{ ...configMap('big'), data: { big: 'x'.repeat(mb * 1024 * 1024) } }], functionConfig: 42 }),
  })),
);
