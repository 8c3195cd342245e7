import type { Rule } from '../rule.js';
import type { InvalidMessageId } from '../schema/validate.js';

const rule: Rule = {
  meta: {
    id: 'schema-invalid',
    family: 'schema',
    severity: 'error',
    summary: 'An object does not match its schema (wrong type, missing required field, bad enum value).',
    rationale:
      "Built-in kinds are checked with the kubernetes-models validators, Istio and cert-manager with their models, other custom resources with the openAPIV3Schema of their CRD, the eksctl ClusterConfig with eksctl's schema and the aws-auth ConfigMap's embedded lists by their documented shape. The API server rejects what fails here, often halfway through an apply.",
    remediation: 'Correct the field named in the message; `kubectl explain <kind>.<field>` shows the expected type.',
    // {{source}}: which schema said so (schema, CRD schema, eksctl schema)
    messages: {
      required: '{{field}}: missing required field "{{property}}" ({{source}})',
      type: '{{field}}: must be of type {{type}} ({{source}})',
      enum: '{{field}}: must be one of {{values}} ({{source}})',
      const: '{{field}}: must be {{value}} ({{source}})',
      schemaError: '{{field}}: {{problem}} ({{source}})',
      noApiVersionKind: 'object has no apiVersion and kind',
      awsAuthNotYaml: 'aws-auth {{key}} is not valid YAML: {{reason}}',
      awsAuthNotList: 'aws-auth {{key}} must be a YAML list',
      awsAuthItemNotMapping: 'aws-auth {{key}}[{{index}}] must be a mapping',
      awsAuthMissingField: 'aws-auth {{key}}[{{index}}]: missing required field "{{field}}"',
      awsAuthGroupsNotList: 'aws-auth {{key}}[{{index}}].groups must be a list',
    } satisfies Record<InvalidMessageId, string>,
  },
  check(ctx) {
    for (const i of ctx.facts.schemaIssues)
      if (i.kind === 'invalid')
        ctx.report({ on: i.on, messageId: i.messageId, data: i.data, path: i.path, innerLine: i.innerLine });
  },
};
export default rule;
