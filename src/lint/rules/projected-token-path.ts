import { perObjectRule, podSpecs, POD_KINDS } from '../templates.js';
import { KFP_AUDIENCE, KFP_DEFAULT_DIR, KFP_TOKEN_ENV, tokenMounts } from '../kubeflow/tokens.js';

export default perObjectRule(
  {
    id: 'projected-token-path',
    family: 'tenancy',
    severity: 'error',
    summary: `A "${KFP_AUDIENCE}" token is mounted where the KFP client does not read it (${KFP_TOKEN_ENV}, default /var/run/secrets/kubeflow/pipelines/token).`,
    rationale:
      'The KFP SDK reads the token from KF_PIPELINES_SA_TOKEN_PATH or its default path; a token anywhere else is never sent and calls fail as anonymous.',
    remediation:
      'Mount the volume at /var/run/secrets/kubeflow/pipelines with path: token, or point KF_PIPELINES_SA_TOKEN_PATH at the mounted file.',
    messages: {
      wrongPath: 'KFP token is mounted at {{path}}, but the client reads {{expected}}',
    },
  },
  POD_KINDS,
  (o, report) => {
    for (const view of podSpecs(o)) {
      for (const m of tokenMounts(view)) {
        if (m.source.audience !== KFP_AUDIENCE || m.filePath === m.expected) continue;
        // KFP's own Go components (persistence agent) read fixed paths of their own; only SDK
        // clients, recognisable by the env var or the SDK's default directory, are checked
        if (m.envIndex === undefined && !m.filePath.startsWith(KFP_DEFAULT_DIR)) continue;
        const path =
          m.envIndex !== undefined
            ? [...m.containerPath, 'env', m.envIndex, 'value']
            : [...m.containerPath, 'volumeMounts', m.mountIndex, 'mountPath'];
        report({ path, messageId: 'wrongPath', data: { path: m.filePath, expected: m.expected } });
      }
    }
  },
);
