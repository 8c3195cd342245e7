import type { KfgenConfig } from '../config/types.js';
import type { Plan } from './index.js';
import type { Problem } from '../config/errors.js';
import { problemList, type AddProblem, type Locate } from '../config/validate.js';
import { isIpAddress } from '../util/ip.js';
import { ingressKind, tlsMode } from '../config/defaults.js';

const AZURE_DNS_LABEL = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

/**
 * Cross-field rules for `tls`, `ingress` and `platform`: combinations that would build but could
 * not work (a certificate nobody serves, a challenge nobody can reach, a load balancer the
 * platform does not have).
 */
export function exposureProblems({ config }: Plan, file: string, locate: Locate): Problem[] {
  const { problems: out, add } = problemList(file, locate);
  tlsRules(config, add);
  ingressRules(config, add);
  platformRules(config, add);
  return out;
}

type Add = AddProblem;

function tlsRules(c: KfgenConfig, add: Add): void {
  const tls = c.tls;
  const mode = tlsMode(c);
  const kind = ingressKind(c);
  if (!tls) return;

  if (mode === 'acm') {
    if (kind !== 'alb') {
      add(
        ['tls', 'mode'],
        `"acm" needs ingress.kind "alb": only an AWS Application Load Balancer can serve an ACM certificate, but ingress.kind is "${kind}"`,
        undefined,
        'set ingress: { kind: alb }, or use tls.mode self-signed, acme or secret',
      );
    }
    if (!tls.acmCertificateArn)
      add(
        ['tls', 'acmCertificateArn'],
        'is required when tls.mode is "acm"',
        undefined,
        'e.g. acmCertificateArn: arn:aws:acm:<region>:<account>:certificate/<id>',
      );
    if (tls.secretName)
      add(
        ['tls', 'secretName'],
        'is not used with tls.mode "acm": the certificate stays in ACM',
        undefined,
        'remove it',
      );
    const region = tls.acmCertificateArn?.split(':')[3];
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    if (region && eks && region !== eks.region) {
      add(
        ['tls', 'acmCertificateArn'],
        `is in region "${region}", but the cluster and its ALB are in "${eks.region}": an ALB only uses ACM certificates from its own region`,
        undefined,
        `request or import the certificate in ${eks.region}`,
      );
    }
  } else if (tls.acmCertificateArn) {
    add(['tls', 'acmCertificateArn'], `is only used with tls.mode "acm", but tls.mode is "${mode}"`);
  }

  if (kind === 'alb' && (mode === 'secret' || mode === 'self-signed' || mode === 'acme')) {
    add(
      ['tls', 'mode'],
      `"${mode}" cannot be served by an ALB: it only serves certificates from ACM`,
      '"acm", "none"',
      'set tls.mode: acm and tls.acmCertificateArn',
    );
  }

  if (mode === 'acme') {
    if (!tls.acme) {
      add(['tls', 'acme'], 'is required when tls.mode is "acme"', undefined, 'e.g. acme: { email: you@example.com }');
    } else {
      const challenge = tls.acme.challenge ?? 'http01';
      if (isIpAddress(c.host)) {
        add(
          ['tls', 'mode'],
          `"acme" cannot certify the IP address "${c.host}": Let's Encrypt issues certificates for domain names`,
          undefined,
          'use tls.mode self-signed for an address, or a DNS name as host',
        );
      }
      if (challenge === 'dns01' && !tls.acme.route53) {
        add(
          ['tls', 'acme', 'route53'],
          'is required for the dns01 challenge (kfgen solves it with Route 53)',
          undefined,
          'e.g. route53: { region: us-east-1, hostedZoneID: Z0123456789ABC }',
        );
      }
      if (challenge === 'http01' && tls.acme.route53) {
        add(
          ['tls', 'acme', 'route53'],
          'is only used with challenge "dns01"',
          undefined,
          'set challenge: dns01, or remove route53',
        );
      }
      if (challenge === 'http01' && (kind === 'loadbalancer' || kind === 'nginx') && c.ingress?.scheme === 'internal') {
        add(
          ['tls', 'acme', 'challenge'],
          `"http01" cannot work behind an internal load balancer: Let's Encrypt fetches the challenge from the internet`,
          undefined,
          'use challenge: dns01 (Route 53)',
        );
      }
    }
  } else if (tls.acme) {
    add(['tls', 'acme'], `is only used with tls.mode "acme", but tls.mode is "${mode}"`);
  }
}

function ingressRules(c: KfgenConfig, add: Add): void {
  const ing = c.ingress;
  if (!ing) return;
  const provider = c.platform.provider;
  if (ing.kind === 'alb' && provider !== 'eks') {
    add(
      ['ingress', 'kind'],
      `"alb" needs platform.provider "eks": the AWS Load Balancer Controller only runs on AWS, but platform.provider is "${provider}"`,
      undefined,
      provider === 'aks' ? 'use ingress.kind loadbalancer on AKS' : 'use ingress.kind nginx or loadbalancer',
    );
  }
  if ((ing.kind === 'nginx' || ing.kind === 'alb') && isIpAddress(c.host)) {
    add(
      ['host'],
      `is an IP address, but an Ingress rule host must be a DNS name (ingress.kind "${ing.kind}")`,
      undefined,
      'use a DNS name, or ingress.kind loadbalancer, which serves an IP address',
    );
  }
  if (ing.scheme && ing.kind !== 'alb' && ing.kind !== 'loadbalancer') {
    add(
      ['ingress', 'scheme'],
      `is only used with ingress.kind "alb" or "loadbalancer"; with "${ing.kind}" kfgen does not create the load balancer`,
    );
  }
  if (ing.scheme && ing.kind === 'loadbalancer' && provider === 'generic') {
    add(
      ['ingress', 'scheme'],
      'needs a cloud platform: on platform.provider "generic" kfgen does not know how to make a load balancer internal',
      undefined,
      'set the annotation your platform uses in ingress.annotations',
    );
  }
  if (ing.className && ing.kind !== 'nginx' && ing.kind !== 'alb') {
    add(['ingress', 'className'], `is only used with ingress.kind "nginx" or "alb": "${ing.kind}" creates no Ingress`);
  }
  if (ing.annotations && Object.keys(ing.annotations).length && ing.kind === 'none') {
    add(
      ['ingress', 'annotations'],
      'has nothing to annotate with ingress.kind "none"',
      undefined,
      'use kind nginx, alb or loadbalancer',
    );
  }
  const subnets = c.platform.eks?.vpc?.subnets;
  if (provider === 'eks' && subnets && (ing.kind === 'alb' || ing.kind === 'loadbalancer')) {
    const internal = ing.scheme === 'internal';
    const side = internal ? 'private' : 'public';
    const azs = Object.keys(subnets[side] ?? {});
    if (!azs.length) {
      add(
        ['platform', 'eks', 'vpc', 'subnets', side],
        `is required: an ${internal ? 'internal' : 'internet-facing'} load balancer (ingress.kind "${ing.kind}") goes into the ${side} subnets`,
        undefined,
        internal ? undefined : 'add public subnets, or set ingress.scheme: internal',
      );
    } else if (ing.kind === 'alb' && azs.length < 2) {
      add(
        ['platform', 'eks', 'vpc', 'subnets', side],
        `has one availability zone; an ALB needs subnets in at least two`,
      );
    }
  }
}

function platformRules(c: KfgenConfig, add: Add): void {
  const p = c.platform;
  const kind = ingressKind(c);
  if (p.aks && p.provider !== 'aks') {
    add(
      ['platform', 'aks'],
      `is only used with provider "aks", but platform.provider is "${p.provider}"`,
      undefined,
      'remove it or set platform.provider: aks',
    );
  }
  if (p.provider === 'aks' && p.aks) {
    const { dnsLabel, loadBalancerResourceGroup, staticIp } = p.aks;
    if ((dnsLabel || loadBalancerResourceGroup || staticIp) && kind !== 'loadbalancer') {
      add(
        ['platform', 'aks'],
        `configures the gateway's load balancer, which kfgen only creates with ingress.kind "loadbalancer" (ingress.kind is "${kind}")`,
      );
    }
    if (staticIp !== undefined && isIpAddress(c.host)) {
      add(
        ['platform', 'aks', 'staticIp'],
        `host is already the IP address "${c.host}", which the load balancer takes`,
        undefined,
        staticIp === c.host ? 'remove staticIp' : 'set host to the DNS name users browse to, or remove staticIp',
      );
    }
    if (dnsLabel !== undefined) {
      if (!AZURE_DNS_LABEL.test(dnsLabel)) {
        add(
          ['platform', 'aks', 'dnsLabel'],
          `"${dnsLabel}" is not a valid Azure DNS label: 3 to 63 lowercase letters, digits and hyphens, starting with a letter`,
        );
      } else if (isIpAddress(c.host)) {
        add(
          ['platform', 'aks', 'dnsLabel'],
          `names the load balancer "${dnsLabel}.<region>.cloudapp.azure.com", but host is the IP address "${c.host}"`,
          undefined,
          `set host: ${dnsLabel}.<region>.cloudapp.azure.com, or remove dnsLabel`,
        );
      } else if (!new RegExp(`^${dnsLabel}\\.[a-z0-9]+\\.cloudapp\\.azure\\.com$`).test(c.host)) {
        add(
          ['host'],
          `"${c.host}" is not the name Azure gives the DNS label "${dnsLabel}" (${dnsLabel}.<region>.cloudapp.azure.com); the certificate and redirect URL must name the address users reach`,
          undefined,
          `set host: ${dnsLabel}.<region>.cloudapp.azure.com, or point your own DNS record at the load balancer and remove dnsLabel`,
        );
      }
    }
  }
  if (p.provider === 'aks' && kind === 'loadbalancer' && /\.cloudapp\.azure\.com$/.test(c.host) && !p.aks?.dnsLabel) {
    const label = c.host.split('.')[0]!;
    add(
      ['platform', 'aks', 'dnsLabel'],
      `is required: host "${c.host}" is an Azure load balancer name, which only exists when the Service carries its DNS label`,
      undefined,
      `set platform.aks.dnsLabel: ${label}`,
    );
  }

  const eks = p.provider === 'eks' ? p.eks : undefined;
  if (!eks) return;
  const subnets = eks.vpc?.subnets;
  if (subnets) {
    const sides = (['public', 'private'] as const).filter((s) => subnets?.[s] && Object.keys(subnets[s]!).length);
    if (!sides.length)
      add(['platform', 'eks', 'vpc', 'subnets'], 'needs public or private subnets (availability zone: subnet id)');
    if (eks.vpc?.cidr)
      add(
        ['platform', 'eks', 'vpc', 'cidr'],
        'is for a VPC eksctl creates; with vpc.subnets the VPC exists already',
        undefined,
        'remove cidr or subnets',
      );
    if (eks.vpc?.nat)
      add(
        ['platform', 'eks', 'vpc', 'nat'],
        'is for a VPC eksctl creates; an existing VPC keeps its own NAT',
        undefined,
        'remove nat',
      );
    if (eks.availabilityZones?.length)
      add(
        ['platform', 'eks', 'availabilityZones'],
        'is for a VPC eksctl creates; the zones of an existing VPC are the keys of vpc.subnets',
        undefined,
        'remove availabilityZones',
      );
    if (!Object.keys(subnets.private ?? {}).length) {
      eks.nodeGroups.forEach((g, i) => {
        if (g.privateNetworking)
          add(
            ['platform', 'eks', 'nodeGroups', i, 'privateNetworking'],
            'needs private subnets, but vpc.subnets lists only public ones',
            undefined,
            'add vpc.subnets.private or remove privateNetworking',
          );
      });
    }
    const seen = new Map<string, string>();
    for (const side of sides) {
      for (const [az, id] of Object.entries(subnets![side]!)) {
        const path = ['platform', 'eks', 'vpc', 'subnets', side, az];
        if (!new RegExp(`^${eks.region}[a-z]$`).test(az))
          add(
            path,
            `"${az}" is not an availability zone of region ${eks.region}`,
            `${eks.region}a, ${eks.region}b, ...`,
          );
        if (!SUBNET_ID.test(id)) add(path, `"${id}" is not a subnet id`, 'subnet-0123456789abcdef0');
        const other = seen.get(id);
        if (other) add(path, `subnet "${id}" is listed twice (also as ${other}); a subnet is either public or private`);
        seen.set(id, `${side}.${az}`);
      }
    }
  }
  const zones = eks.availabilityZones ?? [];
  zones.forEach((az, i) => {
    if (!new RegExp(`^${eks.region}[a-z]$`).test(az))
      add(
        ['platform', 'eks', 'availabilityZones', i],
        `"${az}" is not an availability zone of region ${eks.region}`,
        `${eks.region}a, ${eks.region}b, ...`,
      );
    if (zones.indexOf(az) !== i) add(['platform', 'eks', 'availabilityZones', i], `"${az}" is listed twice`);
  });
  if (!subnets && eks.vpc?.nat === 'Disable') {
    eks.nodeGroups.forEach((g, i) => {
      if (g.privateNetworking)
        add(
          ['platform', 'eks', 'nodeGroups', i, 'privateNetworking'],
          'private nodes need NAT to pull images, but vpc.nat is Disable',
          undefined,
          'remove privateNetworking or the nat setting',
        );
    });
  }
  const endpoint = eks.endpointAccess;
  if (endpoint && endpoint.public === false && !endpoint.private) {
    add(
      ['platform', 'eks', 'endpointAccess'],
      'turns off both endpoints: nothing, not even the nodes, could reach the API server',
      undefined,
      'set private: true',
    );
  }
  if (endpoint?.publicAccessCIDRs?.length && endpoint.public === false) {
    add(
      ['platform', 'eks', 'endpointAccess', 'publicAccessCIDRs'],
      'restricts the public endpoint, which public: false turns off',
      undefined,
      'remove publicAccessCIDRs',
    );
  }
  endpoint?.publicAccessCIDRs?.forEach((cidr, i) => {
    if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}\/[0-9]{1,2}$/.test(cidr))
      add(
        ['platform', 'eks', 'endpointAccess', 'publicAccessCIDRs', i],
        `"${cidr}" is not an IPv4 CIDR`,
        'e.g. 203.0.113.0/24',
      );
  });
  eks.nodeGroups.forEach((g, i) => {
    const dup = g.addonPolicies?.find((p, j) => g.addonPolicies!.indexOf(p) !== j);
    if (dup) add(['platform', 'eks', 'nodeGroups', i, 'addonPolicies'], `"${dup}" is listed twice`);
  });
  const entries = eks.accessEntries ?? [];
  const mapped = new Set([
    ...(eks.awsAuth?.mapRoles ?? []).map((r) => r.rolearn),
    ...(eks.awsAuth?.mapUsers ?? []).map((u) => u.userarn),
  ]);
  const principals: string[] = [];
  entries.forEach((e, i) => {
    const path = ['platform', 'eks', 'accessEntries', i];
    if (principals.includes(e.principalARN))
      add([...path, 'principalARN'], `duplicate access entry for "${e.principalARN}"`);
    principals.push(e.principalARN);
    if (mapped.has(e.principalARN)) {
      add(
        [...path, 'principalARN'],
        `"${e.principalARN}" is also mapped in awsAuth; EKS uses the access entry and ignores the aws-auth mapping for it`,
        undefined,
        'keep one of the two',
      );
    }
    if (!e.kubernetesGroups?.length && !e.accessPolicies?.length) {
      add(path, 'grants nothing: give it kubernetesGroups or accessPolicies');
    }
    e.accessPolicies?.forEach((pol, j) => {
      const scope = pol.accessScope;
      const sp = [...path, 'accessPolicies', j, 'accessScope'];
      if (scope.type === 'namespace' && !scope.namespaces?.length)
        add([...sp, 'namespaces'], 'is required when accessScope.type is "namespace"');
      if (scope.type === 'cluster' && scope.namespaces?.length)
        add([...sp, 'namespaces'], 'is only used when accessScope.type is "namespace"');
      if (!/^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/[A-Za-z]+$/.test(pol.policyARN)) {
        add(
          [...path, 'accessPolicies', j, 'policyARN'],
          `"${pol.policyARN}" is not an EKS access policy`,
          'arn:aws:eks::aws:cluster-access-policy/<AmazonEKSClusterAdminPolicy|AmazonEKSAdminPolicy|AmazonEKSEditPolicy|AmazonEKSViewPolicy>',
        );
      }
    });
  });
}
