import { ConfigError, EXIT } from '../config/errors.js';
import { parseArgs } from 'node:util';
import { formatFindings, FORMATS, type OutputFormat } from '../lint/format/index.js';
import { lintSources, LintUsageError } from '../lint/engine.js';
import type { LintOptions, LintSource } from '../lint/types.js';
import { InputError, readCrdSources, readInputs, type InputNote } from '../lint/io/inputs.js';
import { KustomizeFailed } from '../lint/io/kustomize.js';

const USAGE = `Usage: kfgen lint [PATH...|-] [options]

With no PATH, lints the project's config, its generated tree and (with kustomize) the rendered build.
PATH may be a YAML file (multi-document is fine), a directory (a kustomization is rendered with
kustomize when available), or - for standard input.

Options:
  -f, --format text|json|sarif   output format (default text)
      --max-warnings N           exit 1 when there are more than N warnings (default: no limit)
      --crds PATH                extra CRDs (file or directory) to validate custom resources; repeatable
      --eksctl-schema FILE       eksctl ClusterConfig JSON schema
      --no-kustomize             lint a kustomization's files instead of rendering it
  -h, --help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage or internal error.
Rules: \`kfgen rules\`; suppress on an object with annotation kfgen.dev/lint-ignore.<rule-id>: "<reason>".`;

interface ProjectSources {
  sources: LintSource[];
  options?: LintOptions;
}

/** The no-argument case: the project's config, its generated tree and the rendered build. */
async function projectSources(): Promise<ProjectSources | null> {
  const { renderProjectSources } = await import('./project-sources.js');
  return renderProjectSources();
}

export async function lintCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        'max-warnings': { type: 'string' },
        crds: { type: 'string', multiple: true },
        'eksctl-schema': { type: 'string' },
        'no-kustomize': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    console.error(`kfgen lint: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) {
    console.error(`kfgen lint: --format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
    return EXIT.usage;
  }
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      console.error(`kfgen lint: --max-warnings needs a non-negative integer, not "${values['max-warnings']}"`);
      return EXIT.usage;
    }
  }
  try {
    const notes: InputNote[] = [];
    let sources: LintSource[];
    let options: LintOptions = {};
    if (positionals.length === 0) {
      const project = await projectSources();
      if (!project) {
        console.error(
          'kfgen lint: no config found (no kfgen config in this directory); pass files or directories to lint, or - for stdin',
        );
        return EXIT.usage;
      }
      sources = project.sources;
      options = { ...project.options };
    } else {
      sources = await readInputs(positionals, { kustomize: !values['no-kustomize'] }, notes);
    }
    if (values.crds) options.crdSources = [...(options.crdSources ?? []), ...readCrdSources(values.crds)];
    if (values['eksctl-schema']) options.eksctlSchemaPath = values['eksctl-schema'];
    for (const n of notes) console.error(`kfgen lint: ${n.message}`);
    const findings = await lintSources(sources, options);
    process.stdout.write(formatFindings(findings, format));
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    if (errors > 0) return EXIT.invalid;
    if (warnings > maxWarnings) {
      if (format === 'text') console.error(`kfgen lint: ${warnings} warnings exceed --max-warnings ${maxWarnings}`);
      return EXIT.invalid;
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return EXIT.invalid;
    }
    if (e instanceof InputError || e instanceof LintUsageError || e instanceof KustomizeFailed) {
      console.error(`kfgen lint: ${e.message}`);
      return EXIT.usage;
    }
    console.error(`kfgen lint: internal error: ${(e as Error).message}`);
    return EXIT.usage;
  }
}
