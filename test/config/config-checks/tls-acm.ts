import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

export default {
  valid: [
    {
      name: 'acm on an ALB',
      config: { tls: { mode: 'acm', acmCertificateArn: ARN }, ingress: { kind: 'alb' }, platform: EKS },
    },
    { name: 'self-signed without an ARN', config: { tls: { mode: 'self-signed' } } },
  ],
  invalid: [
    {
      name: 'acm behind nginx, without an ARN, with a secret name',
      config: { tls: { mode: 'acm', secretName: 'kubeflow-tls' }, ingress: { kind: 'nginx' }, platform: EKS },
      errors: [
        { messageId: 'needsAlb', path: 'tls.mode', message: 'but ingress.kind is "nginx"' },
        { messageId: 'arnRequired', path: 'tls.acmCertificateArn' },
        { messageId: 'secretNameUnused', path: 'tls.secretName' },
      ],
    },
    {
      name: 'a certificate of another region',
      config: {
        tls: { mode: 'acm', acmCertificateArn: ARN.replace('us-east-1', 'eu-west-1') },
        ingress: { kind: 'alb' },
        platform: EKS,
      },
      errors: [{ messageId: 'otherRegion', path: 'tls.acmCertificateArn', message: 'region "eu-west-1"' }],
    },
    {
      name: 'an ARN with another mode',
      config: { tls: { mode: 'self-signed', acmCertificateArn: ARN } },
      errors: [{ messageId: 'arnUnused', path: 'tls.acmCertificateArn', message: 'tls.mode is "self-signed"' }],
    },
  ],
} satisfies CheckCases;
