import type { PlanCheck } from './check.js';
import { ingressKind, tlsMode } from '../../config/defaults.js';

const check: PlanCheck = {
  meta: {
    id: 'tls-acm',
    description:
      "With `tls.mode: acm`, an ALB serves the certificate: `ingress.kind` is `alb`, `tls.acmCertificateArn` is set and in the cluster's region, and `tls.secretName` is not; `tls.acmCertificateArn` is only set with that mode.",
    fields: ['tls.mode', 'tls.acmCertificateArn', 'tls.secretName'],
    messages: {
      needsAlb:
        '"acm" needs ingress.kind "alb": only an AWS Application Load Balancer can serve an ACM certificate, but ingress.kind is "{{kind}}"',
      arnRequired: 'is required when tls.mode is "acm"',
      secretNameUnused: 'is not used with tls.mode "acm": the certificate stays in ACM',
      otherRegion:
        'is in region "{{region}}", but the cluster and its ALB are in "{{clusterRegion}}": an ALB only uses ACM certificates from its own region',
      arnUnused: 'is only used with tls.mode "acm", but tls.mode is "{{mode}}"',
    },
  },
  check({ config: c }, report) {
    const tls = c.tls;
    if (!tls) return;
    const mode = tlsMode(c);
    const kind = ingressKind(c);
    if (mode !== 'acm') {
      if (tls.acmCertificateArn) report({ path: ['tls', 'acmCertificateArn'], messageId: 'arnUnused', data: { mode } });
      return;
    }
    if (kind !== 'alb')
      report({
        path: ['tls', 'mode'],
        messageId: 'needsAlb',
        data: { kind },
        suggestion: 'set ingress: { kind: alb }, or use tls.mode self-signed, acme or secret',
      });
    if (!tls.acmCertificateArn)
      report({
        path: ['tls', 'acmCertificateArn'],
        messageId: 'arnRequired',
        suggestion: 'e.g. acmCertificateArn: arn:aws:acm:<region>:<account>:certificate/<id>',
      });
    if (tls.secretName) report({ path: ['tls', 'secretName'], messageId: 'secretNameUnused', suggestion: 'remove it' });
    const region = tls.acmCertificateArn?.split(':')[3];
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    if (region && eks && region !== eks.region)
      report({
        path: ['tls', 'acmCertificateArn'],
        messageId: 'otherRegion',
        data: { region, clusterRegion: eks.region },
        suggestion: `request or import the certificate in ${eks.region}`,
      });
  },
};
export default check;
