import type { Problem } from '../errors.js';
import { dotted } from '../../util/field-path.js';
import type { Check, CheckMeta, CheckReport, FieldPath, Locate } from './check.js';

/** One report of one check, with the problem it became. */
export interface Collected {
  checkId: string;
  messageId: string;
  path: FieldPath;
  problem: Problem;
}

/** `{{name}}` → `data.name`, printed as a template literal prints it. An unknown name is a bug in the check. */
export function formatMessage(meta: CheckMeta, r: CheckReport): string {
  const template = meta.messages[r.messageId];
  if (template === undefined) throw new Error(`config check ${meta.id} has no message "${r.messageId}"`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!r.data || !(name in r.data))
      throw new Error(`config check ${meta.id} message ${r.messageId} lacks {{${name}}}`);
    return `${r.data[name] as string}`;
  });
}

/**
 * The one problem collector: runs the checks in order and turns each report into a problem at
 * its field path (with the line when the file's positions are known). `each` sees every report
 * with its check and message id (the tester's view).
 */
export function runChecks<Ctx>(
  checks: readonly Check<Ctx>[],
  ctx: Ctx,
  file: string,
  locate: Locate,
  each?: (c: Collected) => void,
): Problem[] {
  const problems: Problem[] = [];
  for (const { meta, check } of checks) {
    check(ctx, (r) => {
      const problem: Problem = {
        file,
        line: locate(r.path),
        path: dotted(r.path),
        message: formatMessage(meta, r),
        ...(r.allowed ? { allowed: r.allowed } : {}),
        ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      };
      problems.push(problem);
      each?.({ checkId: meta.id, messageId: r.messageId, path: [...r.path], problem });
    });
  }
  return problems;
}

/** Whether a report at `path` is one of the fields `pattern` (dotted, `*` one segment, `**` any) names. */
export function fieldMatches(pattern: string, path: FieldPath): boolean {
  const want = pattern.split('.');
  const match = (i: number, j: number): boolean => {
    if (i === want.length) return j === path.length;
    if (want[i] === '**') return match(i + 1, j) || (j < path.length && match(i, j + 1));
    if (j === path.length) return false;
    return (want[i] === '*' || want[i] === String(path[j])) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

export const reportsField = (meta: CheckMeta, path: FieldPath): boolean =>
  meta.fields.some((f) => fieldMatches(f, path));
