import { RELEASES } from './releases/index.js';
import { testedWindow } from './release.js';

const BEGIN = '<!-- releases table: generated from src/kubeflow/releases by `npm run docs:releases` -->';
const END = '<!-- end of releases table -->';

/** The table of docs/releases.md, made from the catalog so that the two cannot disagree. */
export function releasesTable(): string {
  const rows = [
    ['', ...RELEASES.map((r) => `**${r.id}**`)],
    ['tag date', ...RELEASES.map((r) => r.date)],
    ['Kubernetes tested', ...RELEASES.map((r) => testedWindow(r))],
    ['Istio', ...RELEASES.map((r) => r.versions.istio)],
    ['cert-manager', ...RELEASES.map((r) => r.versions.certManager)],
    ['Knative Serving', ...RELEASES.map((r) => r.versions.knative)],
    ['Dex', ...RELEASES.map((r) => r.versions.dex)],
    ['oauth2-proxy', ...RELEASES.map((r) => r.versions.oauth2Proxy)],
    [
      'Kubeflow Pipelines',
      ...RELEASES.map((r) => `${r.versions.kfp} (${r.objectStore === 'minio' ? 'MinIO' : 'SeaweedFS'})`),
    ],
    ['training', ...RELEASES.map((r) => `\`${r.trainingClusterRolePrefix}-*\` roles`)],
    ['platform namespaces', ...RELEASES.map((r) => r.platformNamespaces.map((n) => `\`${n}\``).join(' '))],
    [
      'Pod Security (enforce)',
      ...RELEASES.map((r) => {
        const levels = Object.entries(r.podSecurity);
        return levels.length ? levels.map(([ns, l]) => `${ns}: ${l}`).join(', ') : 'none';
      }),
    ],
    ['profile namespaces', ...RELEASES.map((r) => r.profilePodSecurity ?? 'none')],
    [
      'remote bases',
      ...RELEASES.map((r) => (r.remoteBases.length ? `${r.remoteBases.length} (Argo, JobSet)` : 'none')),
    ],
    ['gateway NetworkPolicy by kfgen', ...RELEASES.map((r) => (r.gatewayNetworkPolicy ? 'yes' : 'no'))],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [BEGIN, line(rows[0]!), line(rows[0]!.map(() => '---')), ...rows.slice(1).map(line), END].join('\n');
}

/** `text` with its table replaced by the catalog's. */
export function withReleasesTable(text: string): string {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error('docs/releases.md has no releases table markers');
  return text.slice(0, a) + releasesTable() + text.slice(b + END.length);
}
