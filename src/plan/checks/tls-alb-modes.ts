import type { PlanCheck } from './check.js';
import { ingressKind, tlsMode } from '../../config/defaults.js';

const check: PlanCheck = {
  meta: {
    id: 'tls-alb-modes',
    description:
      'With `ingress.kind: alb`, `tls.mode` is `acm` or `none`: an ALB only serves certificates from ACM, not a Secret, a self-signed or an ACME one.',
    fields: ['tls.mode'],
    messages: {
      notServed: '"{{mode}}" cannot be served by an ALB: it only serves certificates from ACM',
    },
  },
  check({ config: c }, report) {
    if (!c.tls) return;
    const mode = tlsMode(c);
    if (ingressKind(c) === 'alb' && (mode === 'secret' || mode === 'self-signed' || mode === 'acme'))
      report({
        path: ['tls', 'mode'],
        messageId: 'notServed',
        data: { mode },
        allowed: '"acm", "none"',
        suggestion: 'set tls.mode: acm and tls.acmCertificateArn',
      });
  },
};
export default check;
