import type { SecretSource } from '../../config/types.js';
import { secretValue } from '../../config/secrets.js';
import type { Context, Contribution } from './model.js';
import { toYaml } from '../../util/yaml.js';

export interface SecretKey {
  /** Key in the Secret. */
  key: string;
  /** Env var that the consuming container reads it from. */
  env: string;
  /** A config literal (not secret, e.g. a client id) or a secret source. */
  from: { literal: string } | SecretSource;
}

/**
 * Replaces an upstream Secret so that none of its default values survive. Values read from
 * sources go to a git-ignored env file; `existingSecret` keys are wired straight into the
 * consuming container, so the value never passes through kfgen.
 */
export function replaceSecret(
  ctx: Context,
  secret: { name: string; namespace: string; disableNameSuffixHash?: boolean; behavior?: 'replace' | 'create' },
  keys: SecretKey[],
): { contribution: Contribution; existingEnv: EnvVar[] } {
  const literals: string[] = [];
  const envLines: string[] = [];
  const existingEnv: EnvVar[] = [];
  for (const k of keys) {
    if ('literal' in k.from) {
      literals.push(`${k.key}=${k.from.literal}`);
      continue;
    }
    const v = secretValue(ctx.secrets, k.from);
    if (v.kind === 'value') envLines.push(`${k.key}=${v.value}`);
    else existingEnv.push({ name: k.env, valueFrom: { secretKeyRef: { name: v.name, key: v.key } } });
  }
  if (!literals.length && !envLines.length) {
    // Nothing to generate: a new Secret is not needed at all, while an upstream one must still be
    // replaced (kustomize cannot replace with an empty Secret), by this marker, to drop its defaults.
    if (secret.behavior === 'create') return { contribution: {}, existingEnv };
    literals.push('KFGEN_VALUES=from-existing-secrets');
  }
  const envFile = `secrets/${secret.namespace}-${secret.name}.env`;
  const c: Contribution = {
    secretGenerator: [
      {
        name: secret.name,
        namespace: secret.namespace,
        behavior: secret.behavior ?? 'replace',
        type: 'Opaque',
        ...(literals.length ? { literals } : {}),
        ...(envLines.length ? { envs: [envFile] } : {}),
        ...(secret.disableNameSuffixHash ? { options: { disableNameSuffixHash: true } } : {}),
      },
    ],
  };
  if (envLines.length) c.secretFiles = { [envFile]: envLines.join('\n') + '\n' };
  return { contribution: c, existingEnv };
}

export interface EnvVar {
  name: string;
  valueFrom: { secretKeyRef: { name: string; key: string } };
}

/** A strategic merge patch that sets env vars of one container (env merges by name). */
export function containerEnvPatch(
  target: { namespace: string; deployment: string; container: string },
  env: EnvVar[],
  podAnnotations?: Record<string, string>,
): Contribution {
  if (!env.length && !podAnnotations) return {};
  const template: Record<string, unknown> = {};
  if (podAnnotations) template.metadata = { annotations: podAnnotations };
  if (env.length) template.spec = { containers: [{ name: target.container, env }] };
  return {
    patches: [
      {
        file: `patches/${target.namespace}-${target.deployment}-deployment.yaml`,
        content: toYaml({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: target.deployment, namespace: target.namespace },
          spec: { template },
        }),
      },
    ],
  };
}
