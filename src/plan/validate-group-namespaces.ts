import type { Plan } from './index.js';
import type { Problem } from '../config/errors.js';
import { problemList, type Locate } from '../config/validate.js';
import { namespaceForGroup } from './group-namespaces.js';

type Path = Array<string | number>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * `tenancy.groupNamespaces`: with Cognito the Profile Manager runs on EKS and needs its account
 * for the role it maps into the cluster; the rest (prefix, naming) must be able to produce a
 * namespace at all. Other providers get a NEXT_STEPS note, not an error: the config stays valid
 * when a deployment moves from one provider to another.
 */
export function groupNamespaceProblems(plan: Plan, file: string, locate: Locate): Problem[] {
  const { config } = plan;
  const gn = config.tenancy?.groupNamespaces;
  if (!gn) return [];
  const base: Path = ['tenancy', 'groupNamespaces'];
  const { problems: out, add } = problemList(file, locate);

  if (!gn.prefix.trim()) {
    add(
      [...base, 'prefix'],
      'an empty prefix would turn every group of every user into a namespace',
      undefined,
      'use the prefix your Kubeflow groups share, e.g. kubeflow-',
    );
  } else {
    const naming = {
      prefix: gn.prefix,
      stripPrefix: gn.namespace?.stripPrefix ?? true,
      namespacePrefix: gn.namespace?.prefix ?? '',
    };
    if (!namespaceForGroup(`${gn.prefix}team`, naming)) {
      add(
        [...base, 'namespace'],
        `no group "${gn.prefix}…" can become a namespace with this naming`,
        undefined,
        'set namespace.prefix to lowercase letters, digits and "-"',
      );
    }
  }
  if ((plan.auth.userClaim === 'email' || plan.auth.userClaim === 'upn') && !EMAIL.test(gn.owner)) {
    add(
      [...base, 'owner'],
      `"${gn.owner}" is not an email address, but user ids are the "${plan.auth.userClaim}" claim`,
      undefined,
      "use the owner's address as the identity provider sends it",
    );
  }

  if (config.auth.provider !== 'cognito') return out;
  if (config.platform.provider !== 'eks') {
    add(
      base,
      `the Profile Manager that makes group namespaces at login authenticates to EKS; platform.provider is "${config.platform.provider}"`,
      'eks',
      'on this platform declare the group namespaces as profiles with group contributors',
    );
  }
  if (!gn.awsAccountId) {
    add(
      [...base, 'awsAccountId'],
      "required with auth.provider cognito: the Profile Manager's IAM role, which the EKS access entry names, is created in this account",
      '12 digits',
      'aws sts get-caller-identity --query Account --output text',
    );
  }
  return out;
}
