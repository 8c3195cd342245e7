// Every rule's valid and invalid cases (see rule-tester.ts). Inputs are small YAML documents, no
// cluster, no kustomize: each case says what it stands for.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog } from '../../src/lint/index.js';
import { ruleTester, type RuleCases } from './rule-tester.js';

const UI_POLICY = (rules: string, extra = '') => `apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: ml-pipeline-ui
  namespace: kubeflow
spec:
  selector:
    matchLabels:
      app: ml-pipeline-ui
  rules:
${rules}${extra}`;
const GW = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
const UPSTREAM_UI_RULES = `  - from:
    - source:
        principals:
        - ${GW}
  - when:
    - key: request.headers[authorization]
      values: ["*"]
    - key: request.headers[kubeflow-userid]
      notValues: ["*"]
`;
const KFAM = (principals: string) => `apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: profiles-kfam
  namespace: kubeflow
spec:
  action: ALLOW
  selector:
    matchLabels:
      kustomize.component: profiles
  rules:
  - from:
    - source:
        principals:
${principals}`;
const PROFILE = (name: string, owner: string) => `apiVersion: kubeflow.org/v1
kind: Profile
metadata:
  name: ${name}
  annotations:
    kfgen.dev/lint-ignore.schema-unknown-kind: "no Profile CRD in this case"
spec:
  owner:
    kind: User
    name: ${owner}
`;
const CERT = (spec: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: kubeflow-tls
  namespace: istio-system
spec:
  secretName: kubeflow-tls
  issuerRef:
    kind: Issuer
    name: selfsigned
  isCA: true
${spec}`;
const CLUSTER = (version: string, release?: string) => `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: kubeflow
  region: eu-west-1
  version: "${version}"
${release ? `  annotations: { kfgen.dev/kubeflow-release: "${release}" }\n` : ''}`;
const INGRESS = (cls: string, ann = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kubeflow
  namespace: istio-system
  annotations:
    example.com/owner: ml-platform
${ann}spec:
  ${cls}
  defaultBackend:
    service:
      name: istio-ingressgateway
      port:
        number: 80
`;
const COOKIE = (v: string) => `apiVersion: v1
kind: Secret
metadata:
  name: oauth2-proxy
  namespace: oauth2-proxy
stringData:
  cookie-secret: "${v}"
`;

const DEX_CLIENTS = (clients: string, redirect = '/oauth2/callback') => `apiVersion: v1
kind: ConfigMap
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
data:
  oauth2_proxy.cfg: |
    oidc_issuer_url = "https://login.example.com/dex"
    email_domains = [ "example.com" ]
    redirect_url = "${redirect}"
---
apiVersion: v1
kind: ConfigMap
metadata: { name: dex, namespace: auth }
data:
  config.yaml: |
    issuer: https://login.example.com/dex
    staticClients: ${clients}
---
apiVersion: v1
kind: Secret
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
stringData:
  client-id: kubeflow
  client-secret: s3cr3t
`;
// bcrypt of upstream's "12341234"
const DEX_USER = (fields: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: dex, namespace: auth }
data:
  config.yaml: |
    issuer: https://login.example.com/dex
    enablePasswordDB: true
    staticPasswords:
    - ${fields}
      hash: "$2y$12$4K/VkmDd1q1Orb3xAt82zu8gk7Ad6ReFR4LCP9UeYE90NLiN9Df72"
`;
const KFP_TOKEN = (audience: string) => `apiVersion: v1
kind: Pod
metadata: { name: kfp-client, namespace: kubeflow-alice }
spec:
  containers:
  - name: client
    image: python:3.12
    volumeMounts:
    - name: kfp-token
      mountPath: /var/run/secrets/kubeflow/pipelines
  volumes:
  - name: kfp-token
    projected:
      sources:
      - serviceAccountToken:
          path: token
${audience}`;
const UI_DENY_ADMIN = `apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: { name: ml-pipeline-ui-deny-admin, namespace: kubeflow }
spec:
  action: DENY
  selector:
    matchLabels:
      app: ml-pipeline-ui
  rules:
  - to:
    - operation:
        paths: ["/admin"]
`;

const UI_LOCKOUT = {
  front: 'the ingress gateway',
  frontPrincipal: GW,
  workload: 'ml-pipeline-ui',
  header: 'kubeflow-userid',
};

const good = { name: 'the good example', fixture: 'good' as const };
const bad = (errors: RuleCases['invalid'][number]['errors']) => ({
  name: 'the bad example',
  fixture: 'bad' as const,
  errors,
});

const cases: Record<string, RuleCases> = {
  'auth-client-mismatch': {
    valid: [good],
    invalid: [
      bad([{ messageId: 'secretDiffers', line: 53 }]),
      {
        name: 'the client id is not among the static clients',
        yaml: DEX_CLIENTS('[ { id: other, secret: s3cr3t, redirectURIs: [ /oauth2/callback ] } ]'),
        errors: [{ messageId: 'unknownClient', data: { clientId: 'kubeflow', known: 'other' }, line: 22 }],
      },
      {
        name: 'Dex has no static client',
        yaml: DEX_CLIENTS('[]'),
        errors: [{ messageId: 'noStaticClients', data: { clientId: 'kubeflow' }, line: 22 }],
      },
      {
        name: "the redirect URL is not among the client's",
        yaml: DEX_CLIENTS(
          '[ { id: kubeflow, secret: s3cr3t, redirectURIs: [ https://other.example.com/oauth2/callback ] } ]',
          'https://kf.example.com/oauth2/callback',
        ),
        errors: [
          {
            messageId: 'redirectNotAllowed',
            data: {
              clientId: 'kubeflow',
              uris: 'https://other.example.com/oauth2/callback',
              redirect: 'https://kf.example.com/oauth2/callback',
            },
            line: 16,
          },
        ],
      },
      {
        name: 'the client lists no redirect URL',
        yaml: DEX_CLIENTS('[ { id: kubeflow, secret: s3cr3t } ]', 'https://kf.example.com/oauth2/callback'),
        errors: [
          {
            messageId: 'noRedirectUris',
            data: { clientId: 'kubeflow', redirect: 'https://kf.example.com/oauth2/callback' },
            line: 14,
          },
        ],
      },
    ],
  },
  'auth-issuer-mismatch': {
    valid: [good],
    invalid: [bad([{ messageId: 'issuerDiffers', line: 24 }])],
  },
  'auth-redirect-host-mismatch': {
    valid: [good],
    invalid: [bad([{ messageId: 'hostNotServed', line: 12 }])],
  },
  'auth-open-sign-in': {
    valid: [
      good,
      {
        name: 'Dex with static users only: a closed list',
        yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
data:
  oauth2_proxy.cfg: |
    oidc_issuer_url = "http://dex.auth.svc.cluster.local:5556/dex"
    email_domains = [ "*" ]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: dex, namespace: auth }
data:
  config.yaml: |
    issuer: http://dex.auth.svc.cluster.local:5556/dex
    enablePasswordDB: true
    staticPasswords: [ { email: a@example.com, hashFromEnv: X, username: a, userID: "1" } ]
`,
      },
      {
        name: 'only some e-mail domains',
        yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
data:
  oauth2_proxy.cfg: |
    oidc_issuer_url = "https://login.example.com"
    email_domains = [ "example.com" ]
`,
      },
    ],
    invalid: [
      bad([{ messageId: 'openSignIn', line: 11 }]),
      {
        name: 'Dex federating a directory (a connector) is as open as the directory',
        yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
data:
  oauth2_proxy.cfg: |
    oidc_issuer_url = "http://dex.auth.svc.cluster.local:5556/dex"
    email_domains = [ "*" ]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: dex, namespace: auth }
data:
  config.yaml: |
    issuer: http://dex.auth.svc.cluster.local:5556/dex
    connectors: [ { type: ldap, id: ad, name: AD, config: {} } ]
`,
        errors: [{ messageId: 'openSignIn', data: { issuer: 'http://dex.auth.svc.cluster.local:5556/dex' }, line: 7 }],
      },
      {
        name: 'no issuer to name',
        yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: oauth2-proxy, namespace: oauth2-proxy }
data:
  oauth2_proxy.cfg: |
    email_domains = [ "*" ]
`,
        errors: [{ messageId: 'openSignInNoIssuer', line: 6 }],
      },
    ],
  },
  'auth-scopes': { valid: [good], invalid: [bad([{ messageId: 'claimNeedsScope', line: 10 }])] },
  'authz-forged-userid': {
    valid: [
      good,
      {
        name: 'admitted only without the header (upstream rule 1 for bearer tokens)',
        yaml: UI_POLICY(UPSTREAM_UI_RULES),
      },
      {
        name: 'KFAM admits only the dashboard',
        yaml: KFAM('        - cluster.local/ns/kubeflow/sa/centraldashboard\n'),
      },
      {
        name: 'a DENY policy refuses the header from everyone but the gateway',
        yaml: `${UI_POLICY('  - {}\n')}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: ml-pipeline-ui-userid
  namespace: kubeflow
spec:
  action: DENY
  selector:
    matchLabels:
      app: ml-pipeline-ui
  rules:
  - from:
    - source:
        notPrincipals: ["${GW}"]
    when:
    - key: request.headers[kubeflow-userid]
      values: ["*"]
`,
      },
      {
        name: 'no policy selects a kubeflow-userid workload',
        yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: kubeflow\n',
      },
    ],
    invalid: [
      bad([
        {
          messageId: 'forgeable',
          line: 16,
        },
      ]),
      {
        name: 'allow-all on the UI: any caller, even plaintext',
        yaml: UI_POLICY('  - {}\n'),
        errors: [
          {
            messageId: 'forgeablePlaintext',
            data: { workload: 'ml-pipeline-ui', header: 'kubeflow-userid', policy: 'kubeflow/ml-pipeline-ui', rule: 0 },
            line: 11,
          },
        ],
      },
      {
        name: 'only a DENY policy selects the UI: a plaintext caller is admitted by default',
        yaml: UI_DENY_ADMIN,
        errors: [
          {
            messageId: 'forgeablePlaintextNoAllowPolicy',
            data: { workload: 'ml-pipeline-ui', header: 'kubeflow-userid' },
            line: 4,
          },
        ],
      },
      {
        name: 'only a DENY policy selects the UI: a ServiceAccount of the input is admitted by default',
        yaml: `${UI_DENY_ADMIN}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: notebook
  namespace: kubeflow
`,
        errors: [
          { messageId: 'forgeablePlaintextNoAllowPolicy', line: 4 },
          {
            messageId: 'forgeableNoAllowPolicy',
            data: {
              workload: 'ml-pipeline-ui',
              header: 'kubeflow-userid',
              principal: 'cluster.local/ns/kubeflow/sa/notebook',
            },
            line: 4,
          },
        ],
      },
      {
        name: 'a whole namespace admitted by source.namespace',
        yaml: UI_POLICY(`${UPSTREAM_UI_RULES}  - from:\n    - source:\n        namespaces: ["kubeflow-alice"]\n`),
        errors: [
          {
            messageId: 'forgeable',
            line: 20,
          },
        ],
      },
      {
        name: 'a second principal for KFAM',
        yaml: KFAM(
          '        - cluster.local/ns/kubeflow/sa/centraldashboard\n        - cluster.local/ns/kubeflow/sa/jupyter-web-app-service-account\n',
        ),
        errors: [
          {
            messageId: 'forgeable',
            line: 16,
          },
        ],
      },
      {
        name: 'a ServiceAccount of the input, through a namespace-wide ALLOW in kubeflow',
        yaml: `${UI_POLICY(UPSTREAM_UI_RULES)}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: allow-same-namespace
  namespace: kubeflow
spec:
  rules:
  - from:
    - source:
        namespaces: ["kubeflow"]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: notebook
  namespace: kubeflow
`,
        errors: [
          {
            messageId: 'forgeable',
            line: 28,
          },
          {
            messageId: 'forgeable',
            line: 28,
          },
        ],
      },
    ],
  },
  'authz-gateway-lockout': {
    valid: [
      good,
      { name: "upstream's ml-pipeline-ui policy", yaml: UI_POLICY(UPSTREAM_UI_RULES) },
      {
        name: 'KFAM reached by the dashboard',
        yaml: KFAM('        - cluster.local/ns/kubeflow/sa/centraldashboard\n'),
      },
    ],
    invalid: [
      bad([
        {
          messageId: 'lockedOut',
          data: { ...UI_LOCKOUT, policies: 'kubeflow/ml-pipeline-ui' },
          line: 12,
        },
      ]),
      {
        name: 'a DENY policy on the header locks the gateway out too',
        yaml: `${UI_POLICY(UPSTREAM_UI_RULES)}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: no-userid
  namespace: kubeflow
spec:
  action: DENY
  selector:
    matchLabels:
      app: ml-pipeline-ui
  rules:
  - when:
    - key: request.headers[kubeflow-userid]
      values: ["*"]
`,
        errors: [
          {
            messageId: 'lockedOutByDeny',
            data: { ...UI_LOCKOUT, policy: 'kubeflow/no-userid', rule: 0 },
            line: 32,
          },
        ],
      },
      {
        name: 'KFAM admitting only the gateway locks the dashboard out',
        yaml: KFAM(`        - ${GW}\n`),
        errors: [
          {
            messageId: 'lockedOut',
            line: 11,
          },
        ],
      },
    ],
  },
  'authz-profile-access': {
    valid: [
      good,
      {
        name: 'the owner alone (the controller writes ns-owner-access-istio)',
        yaml: PROFILE('team-a', 'alice@example.com'),
      },
      {
        name: 'another profile reaching only a path-limited, header-free endpoint is not a user',
        yaml: `${PROFILE('team-a', 'alice@example.com')}---
${PROFILE('team-b', 'bob@example.com')}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: metrics
  namespace: team-a
spec:
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/team-b/sa/default-editor"]
    to:
    - operation:
        paths: ["/metrics"]
`,
      },
    ],
    invalid: [
      bad([
        { messageId: 'userAdmitted', line: 49 },
        { messageId: 'patternAdmitted', line: 65 },
      ]),
      {
        name: "another profile's ServiceAccount admitted to every workload",
        yaml: `${PROFILE('team-a', 'alice@example.com')}---
${PROFILE('team-b', 'bob@example.com')}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: from-team-b
  namespace: team-a
spec:
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/team-b/sa/default-editor"]
`,
        errors: [{ messageId: 'foreignAdmitted', line: 32 }],
      },
      {
        name: 'a policy with no header condition admits any user through the gateway',
        yaml: `${PROFILE('team-a', 'alice@example.com')}---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: open
  namespace: team-a
spec:
  rules:
  - from:
    - source:
        principals: ["${GW}"]
`,
        errors: [
          {
            messageId: 'anyUserAdmitted',
            line: 19,
          },
        ],
      },
    ],
  },
  'aws-auth-role-in-mapusers': {
    valid: [good],
    invalid: [bad([{ messageId: 'roleInMapUsers', line: 14 }])],
  },
  'contributor-annotations': {
    valid: [good],
    invalid: [bad([{ messageId: 'missingAnnotations', line: 3, severity: 'warning' }])],
  },
  'cookie-secret-length': {
    valid: [
      good,
      { name: 'URL-safe base64 of 32 bytes', yaml: COOKIE('q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=') },
    ],
    invalid: [
      bad([{ messageId: 'wrongLength', line: 10 }]),
      {
        name: 'standard base64 (openssl rand -base64 32)',
        yaml: COOKIE('q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8+/'),
        errors: [{ messageId: 'wrongLengthNotUrlSafe', data: { bytes: 44 }, line: 7 }],
      },
    ],
  },
  'default-dex-password': {
    valid: [good],
    invalid: [
      bad([{ messageId: 'defaultEnvPassword', line: 8 }]),
      {
        name: 'a static user with the default hash',
        yaml: DEX_USER('email: user@example.com\n      username: user'),
        errors: [{ messageId: 'defaultStaticPassword', data: { user: 'user@example.com' }, line: 11 }],
      },
      {
        name: 'a static user with the default hash and no email',
        yaml: DEX_USER('username: user'),
        errors: [{ messageId: 'defaultStaticPasswordNoEmail', line: 10 }],
      },
    ],
  },
  'default-oauth2-proxy-secrets': {
    valid: [good],
    invalid: [bad([{ messageId: 'upstreamDefault', line: 10 }])],
  },
  'eks-nodegroup-capacity': {
    valid: [good],
    invalid: [bad([{ messageId: 'tooSmall', line: 9, severity: 'warning' }])],
  },
  'eks-version-unsupported': {
    valid: [
      good,
      { name: '1.34 for Kubeflow 26.03, in its window', yaml: CLUSTER('1.34', '26.03') },
      { name: '1.33 for Kubeflow v1.10.2, in its window', yaml: CLUSTER('1.33', 'v1.10.2') },
    ],
    invalid: [
      bad([
        {
          messageId: 'supportEnded',
          line: 6,
          severity: 'error',
        },
      ]),
      {
        name: '1.18, older than the add-ons support',
        yaml: CLUSTER('1.18'),
        errors: [{ messageId: 'olderThanAddons', line: 6, severity: 'error' }],
      },
      {
        name: "1.29, Kubeflow's tested version, no longer created by EKS",
        yaml: CLUSTER('1.29'),
        errors: [{ messageId: 'supportEnded', line: 6, severity: 'error' }],
      },
      {
        name: '1.33, offered by EKS but untested by Kubeflow 1.9',
        yaml: CLUSTER('1.33'),
        errors: [{ messageId: 'untestedTestedElsewhere', line: 6, severity: 'warning' }],
      },
      {
        name: '1.32 for Kubeflow v1.11.0 (tested on 1.34 and later): the release that was tested on it is named',
        yaml: CLUSTER('1.32', 'v1.11.0'),
        errors: [
          {
            messageId: 'untestedTestedElsewhere',
            data: { version: '1.32', release: 'v1.11.0', window: '1.34 and later', releases: 'v1.10.2' },
            line: 6,
            severity: 'warning',
          },
        ],
      },
      {
        name: '1.30 for Kubeflow 26.03: EKS cannot create it, whatever the release',
        yaml: CLUSTER('1.30', '26.03'),
        errors: [{ messageId: 'supportEnded', line: 6, severity: 'error' }],
      },
      {
        name: '1.40, newer than kfgen knows',
        yaml: CLUSTER('1.40'),
        errors: [{ messageId: 'untestedTestedElsewhereNewer', line: 6, severity: 'warning' }],
      },
      {
        name: 'a config override re-grades every case',
        yaml: CLUSTER('1.33'),
        options: { rules: { 'eks-version-unsupported': 'error' } },
        errors: [{ messageId: 'untestedTestedElsewhere', line: 6, severity: 'error' }],
      },
      {
        name: 'not a version',
        yaml: CLUSTER('latest'),
        errors: [{ messageId: 'notMinor', line: 6 }],
      },
    ],
  },
  'gateway-credential-namespace': {
    valid: [good],
    invalid: [bad([{ messageId: 'wrongNamespace', line: 18 }])],
  },
  'ingress-buffer-size': {
    valid: [
      good,
      {
        name: 'an IngressClass named nginx served by another controller',
        yaml: `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: example.com/other\n---\n${INGRESS('ingressClassName: nginx')}`,
      },
      { name: 'the ALB controller', yaml: INGRESS('ingressClassName: alb') },
    ],
    invalid: [
      bad([
        {
          messageId: 'tooSmall',
          line: 15,
          severity: 'warning',
        },
      ]),
      {
        name: 'class nginx without the annotation',
        yaml: INGRESS('ingressClassName: nginx'),
        errors: [{ messageId: 'missing', line: 6 }],
      },
      {
        name: 'no class named, the default IngressClass is ingress-nginx',
        yaml: `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\n  annotations:\n    ingressclass.kubernetes.io/is-default-class: "true"\nspec:\n  controller: k8s.io/ingress-nginx\n---\n${INGRESS('rules: []')}`,
        errors: [{ messageId: 'missing', line: 15 }],
      },
    ],
  },
  'ingress-class-annotation': {
    valid: [good],
    invalid: [bad([{ messageId: 'present', line: 8, severity: 'warning' }])],
  },
  'ingress-cross-namespace': {
    valid: [good],
    invalid: [
      bad([
        { messageId: 'tlsSecretElsewhere', line: 40 },
        { messageId: 'backendElsewhere', line: 47 },
      ]),
    ],
  },
  'ingress-foreign-annotations': {
    valid: [good],
    invalid: [bad([{ messageId: 'foreignAnnotation', line: 8, severity: 'warning' }])],
  },
  'ingress-nginx-retired': {
    valid: [good, { name: 'another controller', yaml: INGRESS('ingressClassName: traefik') }],
    invalid: [
      bad([{ messageId: 'servedByNginx', line: 7 }]),
      {
        name: 'only nginx annotations, no class',
        yaml: INGRESS('', '    nginx.ingress.kubernetes.io/proxy-buffer-size: 128k\n'),
        errors: [{ messageId: 'servedByNginx', line: 6 }],
      },
    ],
  },
  'insecure-issuer-skip-verify': {
    valid: [good],
    invalid: [bad([{ messageId: 'skipVerify', line: 21, severity: 'warning' }])],
  },
  'lint-ignore-reason': {
    valid: [good],
    invalid: [bad([{ messageId: 'noReason', line: 7 }])],
  },
  'placeholder-issuer': {
    valid: [good],
    invalid: [bad([{ messageId: 'placeholder', line: 11 }])],
  },
  'projected-token-audience': {
    valid: [good],
    invalid: [
      bad([
        {
          messageId: 'wrongAudience',
          data: {
            path: '/var/run/secrets/kubeflow/pipelines/token',
            audience: 'https://kubernetes.default.svc',
            expected: 'pipelines.kubeflow.org',
          },
          line: 22,
        },
      ]),
      {
        name: "no audience: the API server's",
        yaml: KFP_TOKEN(''),
        errors: [
          {
            messageId: 'defaultAudience',
            data: { path: '/var/run/secrets/kubeflow/pipelines/token', expected: 'pipelines.kubeflow.org' },
            line: 15,
          },
        ],
      },
    ],
  },
  'projected-token-expiration': {
    valid: [good],
    invalid: [bad([{ messageId: 'tooShort', line: 21 }])],
  },
  'projected-token-path': {
    valid: [good],
    invalid: [bad([{ messageId: 'wrongPath', line: 13 }])],
  },
  'schema-invalid': {
    valid: [good],
    invalid: [
      bad([
        {
          messageId: 'type',
          data: { field: 'spec.ports[0].port', type: 'integer', source: 'schema' },
          line: 10,
        },
      ]),
    ],
  },
  'schema-unknown-field': {
    valid: [good],
    invalid: [bad([{ messageId: 'unknownFieldDidYouMean', line: 18 }])],
  },
  'schema-unknown-kind': {
    valid: [good],
    invalid: [
      bad([
        { messageId: 'noSchema', data: { kind: 'Widget', apiVersion: 'example.com/v1' }, line: 2, severity: 'info' },
      ]),
    ],
  },
  'secure-cookie-without-tls': {
    valid: [good],
    invalid: [bad([{ messageId: 'noTls', line: 7, severity: 'warning' }])],
  },
  'serving-cert-is-ca': {
    valid: [
      good,
      { name: 'a CA for a private address only (in-cluster)', yaml: CERT('  ipAddresses:\n  - 10.0.0.12\n') },
      { name: 'an in-cluster webhook CA', yaml: CERT('  dnsNames:\n  - webhook.kubeflow.svc\n') },
    ],
    invalid: [
      bad([{ messageId: 'servingCa', line: 32 }]),
      {
        name: 'a public IP (the AKS scenario)',
        yaml: CERT('  ipAddresses:\n  - 20.61.10.7\n'),
        errors: [
          { messageId: 'servingCaIpAddresses', data: { name: 'kubeflow-tls', ipAddresses: '20.61.10.7' }, line: 11 },
        ],
      },
      {
        name: 'an external DNS name',
        yaml: CERT('  dnsNames:\n  - kubeflow.example.com\n  - webhook.kubeflow.svc\n'),
        errors: [
          {
            messageId: 'servingCaDnsNames',
            data: { name: 'kubeflow-tls', dnsNames: 'kubeflow.example.com' },
            line: 11,
          },
        ],
      },
      {
        name: "an Ingress's TLS Secret",
        yaml: `${CERT('')}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kubeflow
  namespace: istio-system
spec:
  tls:
  - secretName: kubeflow-tls
`,
        errors: [{ messageId: 'servingCaIngress', line: 11 }],
      },
      {
        name: "a file-mounted gateway certificate (upstream's legacy mount, no Deployment in the input)",
        yaml: `${CERT('').replace('secretName: kubeflow-tls', 'secretName: istio-ingressgateway-certs')}---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: kubeflow-gateway
  namespace: kubeflow
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls:
      mode: SIMPLE
      serverCertificate: /etc/istio/ingressgateway-certs/tls.crt
      privateKey: /etc/istio/ingressgateway-certs/tls.key
`,
        errors: [{ messageId: 'servingCaFileMounted', line: 11 }],
      },
      {
        name: 'a file-mounted gateway certificate through the Deployment that mounts it',
        yaml: `${CERT('').replace('secretName: kubeflow-tls', 'secretName: gw-cert')}---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: kubeflow-gateway
  namespace: kubeflow
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls:
      mode: SIMPLE
      serverCertificate: /certs/tls.crt
      privateKey: /certs/tls.key
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istio-ingressgateway
  namespace: istio-system
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  template:
    metadata:
      labels: {istio: ingressgateway}
    spec:
      containers:
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.1
        volumeMounts:
        - name: certs
          mountPath: /certs
      volumes:
      - name: certs
        secret:
          secretName: gw-cert
`,
        errors: [{ messageId: 'servingCaFileMounted', line: 11 }],
      },
    ],
  },
  'system-masters-grant': {
    valid: [good],
    invalid: [bad([{ messageId: 'systemMasters', line: 13, severity: 'warning' }])],
  },
  'tenancy-unknown-namespace': {
    valid: [good],
    invalid: [bad([{ messageId: 'principalNamespace', line: 30 }])],
  },
  'yaml-syntax': {
    valid: [good],
    invalid: [
      bad([{ messageId: 'syntaxError', line: 8 }]),
      { name: 'a document that is a list', yaml: '- a\n- b\n', errors: [{ messageId: 'notMapping', line: 1 }] },
      {
        name: 'a cyclic alias, at its path',
        yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: [*m]\n',
        errors: [{ messageId: 'notFiniteAt', line: 4 }],
      },
      {
        name: 'aliases expanding past the size of the whole document',
        yaml: `a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\n${Array.from({ length: 40 }, (_, i) => `k${i}: *c`).join('\n')}\n`,
        errors: [{ messageId: 'notFinite', line: 1 }],
      },
    ],
  },
};

test('every rule of the catalog has valid and invalid cases, and no case names an unknown rule', () => {
  assert.equal(Object.keys(cases).sort(), catalog.map((r) => r.meta.id).sort());
  for (const [id, c] of Object.entries(cases)) {
    assert.ok(
      c.valid.some((v) => v.fixture === 'good'),
      `${id}: the good example`,
    );
    assert.ok(
      c.invalid.some((v) => v.fixture === 'bad'),
      `${id}: the bad example`,
    );
  }
});

for (const [id, c] of Object.entries(cases)) ruleTester(test, id, c);

test.run();
