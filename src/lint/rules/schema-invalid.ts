import type { Rule } from '../rule.js';

const rule: Rule = {
  meta: {
    id: 'schema-invalid',
    family: 'schema',
    severity: 'error',
    summary: 'An object does not match its schema (wrong type, missing required field, bad enum value).',
    rationale:
      "Built-in kinds are checked with the kubernetes-models validators, Istio and cert-manager with their models, other custom resources with the openAPIV3Schema of their CRD, the eksctl ClusterConfig with eksctl's schema and the aws-auth ConfigMap's embedded lists by their documented shape. The API server rejects what fails here, often halfway through an apply.",
    remediation: 'Correct the field named in the message; `kubectl explain <kind>.<field>` shows the expected type.',
  },
  check(ctx) {
    for (const i of ctx.facts.schemaIssues)
      if (i.kind === 'invalid') ctx.report({ on: i.on, message: i.message, path: i.path, innerLine: i.innerLine });
  },
};
export default rule;
