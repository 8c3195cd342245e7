import { ConfigError, EXIT } from '../config/errors.js';
import type { Args, LINT_OPTIONS } from './options.js';
import { formatFindings, FORMATS, type OutputFormat } from '../lint/format/index.js';
import { lintSources, LintUsageError } from '../lint/engine.js';
import type { LintOptions, LintSource } from '../lint/types.js';
import { InputError, readCrdSources, readInputs, type InputNote } from '../lint/io/inputs.js';
import { KustomizeFailed } from '../lint/io/kustomize.js';

interface ProjectSources {
  sources: LintSource[];
  options?: LintOptions;
}

/** The no-argument case: the project's config, its generated tree and the rendered build. */
async function projectSources(): Promise<ProjectSources | null> {
  const { renderProjectSources } = await import('./project-sources.js');
  return renderProjectSources();
}

export async function lintCommand({ values, positionals }: Args<typeof LINT_OPTIONS>): Promise<number> {
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
