import type { Context, Contribution, NextStep } from '../core/model.js';
import type { Membership, PlannedProfile } from '../../plan/index.js';
import { APPLYSET_COMMANDS, APPLYSET_MEMBER_LABEL, APPLYSET_REF } from './applyset.js';
import { MANAGED_BY, MANAGED_BY_LABEL, TENANCY_DIR } from './files.js';
import { PHASE } from '../core/phases.js';

/** NEXT_STEPS shows at most this many profiles or memberships; the rest is in MEMBERS_FILE. */
const LIST_LIMIT = 20;
/** Who is in which profile, at any size: NEXT_STEPS stays a page long. */
export const MEMBERS_FILE = `${TENANCY_DIR}/MEMBERS.md`;

export const TENANCY_APPLY_TITLE = 'Apply profiles, contributors and CI access (`tenancy/`)';

export function tenancySteps(ctx: Context, files: Record<string, string>): Contribution {
  const tenancyFiles = Object.keys(files).filter((f) => f.startsWith(`${TENANCY_DIR}/`) && f.endsWith('.yaml'));
  const steps: NextStep[] = [];
  if (tenancyFiles.length) steps.push(applyStep(ctx, tenancyFiles.length));
  const profiles = profilesStep(ctx);
  if (profiles) steps.push(profiles);
  const out: Contribution = { nextSteps: steps };
  if (ctx.plan.profiles.length) out.files = { [MEMBERS_FILE]: membersFile(ctx) };
  return out;
}

function byProfile(memberships: Membership[]): Map<string, Membership[]> {
  const map = new Map<string, Membership[]>();
  for (const m of memberships) {
    const list = map.get(m.profile) ?? [];
    list.push(m);
    map.set(m.profile, list);
  }
  return map;
}

function applyStep(ctx: Context, fileCount: number): NextStep {
  const { profiles, memberships, access } = ctx.plan;
  const counts = [
    profiles.length && `${profiles.length} Profile${profiles.length === 1 ? '' : 's'}`,
    memberships.length &&
      `${memberships.length} contributor binding${memberships.length === 1 ? '' : 's'} (RoleBinding and AuthorizationPolicy each)`,
    access.length && `the objects of ${access.length} programmatic-access entr${access.length === 1 ? 'y' : 'ies'}`,
  ].filter(Boolean);
  const first = profiles[0]?.name;
  return {
    order: PHASE.tenancyApply,
    title: TENANCY_APPLY_TITLE,
    body: [
      `\`${TENANCY_DIR}/\` holds ${counts.join(', ')} in ${fileCount} file${fileCount === 1 ? '' : 's'}, every object labelled`,
      `\`${MANAGED_BY_LABEL}: ${MANAGED_BY}\`. They are whole objects, so they are applied as plain files, not through kustomize, and as`,
      `the members of the ApplySet \`${APPLYSET_REF}\`: each apply deletes the members that \`${TENANCY_DIR}/\` no longer`,
      'holds (a member who left a group, a removed team or programmatic-access entry). Only objects kubectl labelled',
      `\`${APPLYSET_MEMBER_LABEL}\` are ever deleted; bindings made in the dashboard and anything else are not.`,
      '```sh',
      APPLYSET_COMMANDS.createParent,
      `while ! ${APPLYSET_COMMANDS.apply}; do echo "Retrying until the profile namespaces exist"; sleep 20; done`,
      '```',
      'The first command creates the ApplySet once (its CRD came with the platform); later runs leave it to kubectl.',
      ...(first
        ? [
            'The profile controller creates each namespace after its Profile is applied; until then the objects inside one fail with',
            `\`namespaces "${first}" not found\`, the loop retries, and kubectl deletes nothing while any object fails.`,
          ]
        : []),
      '',
      '**Deleting a Profile deletes its namespace with everything in it** (notebooks, volumes, runs). Before applying a config',
      'that drops a team or a personal profile, see what would be deleted:',
      '```sh',
      `${APPLYSET_COMMANDS.apply} --dry-run=server | { grep pruned || echo "nothing would be pruned"; }`,
      '```',
    ].join('\n'),
  };
}

function profilesStep(ctx: Context): NextStep | undefined {
  const { profiles, memberships, tenancy } = ctx.plan;
  const admin = tenancy.admin;
  if (!profiles.length && !admin) return undefined;
  const body: string[] = [];
  const declared = profiles.filter((p) => !p.personal);
  const personal = profiles.filter((p) => p.personal);
  const members = byProfile(memberships);
  const declaredMembers = declared.reduce((n, p) => n + (members.get(p.name)?.length ?? 0), 0);
  if (declared.length && declared.length <= LIST_LIMIT && declaredMembers <= 5 * LIST_LIMIT) {
    body.push(...profileTable(declared, members), '');
  } else if (declared.length) {
    body.push(
      `${declared.length} declared profiles with ${declaredMembers} contributor bindings: see \`${MEMBERS_FILE}\`.`,
      '',
    );
  }
  if (personal.length) {
    const shown = personal.slice(0, LIST_LIMIT).map((p) => `\`${p.name}\` (\`${p.owner}\`)`);
    const more =
      personal.length > LIST_LIMIT ? `, and ${personal.length - LIST_LIMIT} more in \`${MEMBERS_FILE}\`` : '';
    body.push(
      `Personal profiles (\`tenancy.personalProfiles\`), named as the dashboard's registration flow would: ${shown.join(', ')}${more}.`,
      '',
    );
  }
  if (admin)
    body.push(`\`${admin}\` is the Kubeflow cluster admin (\`ADMIN\` in ConfigMap \`kubeflow/profiles-config\`).`, '');
  if (tenancy.groupContributors) {
    body.push(
      '**Groups are expanded at build time.** Kubeflow v1.9.1 authorizes by the `kubeflow-userid` header only: no',
      'AuthorizationPolicy, SubjectAccessReview or KFAM lookup reads `kubeflow-groups`. Each member of a group',
      'contributor therefore gets a binding of their own. When a group changes in the identity provider, change',
      '`groups` in the config, rebuild and apply `tenancy/` again: the bindings of members who left are deleted.',
      '',
    );
  }
  if (memberships.length) {
    body.push(
      'Contributors are the RoleBinding and AuthorizationPolicy pair the dashboard itself creates, so they appear under',
      '**Manage contributors** and can be removed there; a later apply brings back whatever the config still declares.',
      '',
    );
  }
  if (profiles.length) {
    const first = profiles[0]!.name;
    body.push(
      'To follow the profile controller:',
      '```sh',
      `kubectl get profiles -l ${MANAGED_BY_LABEL}=${MANAGED_BY}`,
      `kubectl wait --for=jsonpath='{.status.phase}'=Active namespace/${first} --timeout=300s`,
      `kubectl get rolebindings,authorizationpolicies -n ${first} -l ${MANAGED_BY_LABEL}=${MANAGED_BY}`,
      '```',
    );
  }
  return {
    order: PHASE.profiles,
    title: 'Profiles, contributors and the cluster admin',
    body: body.join('\n').trimEnd(),
  };
}

function profileTable(profiles: PlannedProfile[], members: Map<string, Membership[]>): string[] {
  return [
    '| Profile | Owner | Contributors |',
    '| --- | --- | --- |',
    ...profiles.map(
      (p) =>
        `| \`${p.name}\` | \`${p.owner}\` | ${(members.get(p.name) ?? []).map((m) => `\`${m.user}\` (${m.role})`).join(', ') || '—'} |`,
    ),
  ];
}

function membersFile(ctx: Context): string {
  const { profiles, memberships } = ctx.plan;
  const members = byProfile(memberships);
  return [
    '# Profiles and contributors',
    '',
    `Generated by kfgen from \`${ctx.configName}\`. Do not edit: change the config and run \`kfgen build\`.`,
    `${profiles.length} profiles, ${memberships.length} contributor bindings (group contributors expanded to their members).`,
    '',
    ...profileTable(profiles, members),
    '',
  ].join('\n');
}
