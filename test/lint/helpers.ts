import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '../../src/lint/rules/index.js';
import { messageText } from '../../src/lint/engine.js';
import type { MessageData } from '../../src/lint/rule.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const lintFixtures = join(repo, 'fixtures/lint');

export function fixture(ruleId: string, kind: 'good' | 'bad') {
  const file = join(lintFixtures, ruleId, `${kind}.yaml`);
  return { file, text: readFileSync(file, 'utf8') };
}

/**
 * A finding as its rule renders it, by messageId and data: a test that checks a finding's data
 * compares with this, so the rule's wording can change without touching the test.
 */
export function rendered(ruleId: string, messageId: string, data?: MessageData): string {
  const rule = catalog.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return messageText(rule, messageId, data);
}

/** Runs a CLI command function, capturing what it prints. */
export async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  const error = console.error;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => void (stdout += a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void (stderr += a.join(' ') + '\n');
  try {
    const code = await fn();
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = write;
    console.log = log;
    console.error = error;
  }
}
