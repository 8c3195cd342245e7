/**
 * The CLI is one table (src/cli/commands.ts) and one path (src/cli/main.ts): `kfgen --help` lists
 * every command of the table, `kfgen <command> --help` prints the table's text for it, and an
 * unknown option is a usage error (exit 2) for every command.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { capture } from '../lint/helpers.js';

const TOP = `Usage: kfgen <command> [options]

Commands:
  build [--config FILE] [--out DIR] [--manifests DIR]
                                           write the overlay tree (default out/)
  check [--config FILE] [--out DIR]        exit 1 when the committed output is stale
  diff --from DIR|RELEASE --to DIR         objects added, removed, changed between two renders
  fn                                       run as a KRM exec function (stdin → stdout; docs/krm.md)
  init [--provider P] [--platform P] [--force]
                                           write a commented starter kfgen.config.ts
  lint [PATH...|-] [--format text|json|sarif] [--max-warnings N]
                                           check manifests and the project's output
  lint-repo [--exclude REGEX]...           lint config, output and every tracked manifest together
  rules                                    list the lint rules
  upgrade --to RELEASE --out DIR [--config FILE] [--manifests DIR]
                                           build the next release and write DIR/UPGRADE.md (docs/upgrade.md)

Options: --help, --version
Exit codes: 0 success, 1 invalid config or failed check, 2 usage error.
`;

test('kfgen --help is built from the table, unchanged', async () => {
  for (const flag of ['--help', '-h', 'help']) {
    const r = await capture(() => main([flag]));
    assert.is(r.code, 0);
    assert.is(r.stdout, TOP);
  }
  const none = await capture(() => main([]));
  assert.is(none.code, 2);
  assert.is(none.stderr, TOP);
});

test('an unknown command is a usage error followed by the usage', async () => {
  const r = await capture(() => main(['frobnicate']));
  assert.is(r.code, 2);
  assert.is(r.stderr, `kfgen: unknown command "frobnicate"\n\n${TOP}`);
});

test("kfgen <command> --help prints the table's help, exit 0", async () => {
  for (const c of COMMANDS) {
    if ('raw' in c) continue;
    for (const flag of ['--help', '-h']) {
      const r = await capture(() => main([c.name, flag]));
      assert.is(r.code, 0, c.name);
      assert.is(r.stdout, `${c.help}\n`, c.name);
      assert.ok(r.stdout.startsWith(`Usage: kfgen ${c.name}`), c.name);
    }
  }
});

test('an unknown option is a usage error for every command', async () => {
  for (const c of COMMANDS) {
    if ('raw' in c) continue;
    const r = await capture(() => main([c.name, '--no-such-option']));
    assert.is(r.code, 2, c.name);
    assert.match(r.stderr, /Unknown option '--no-such-option'/, c.name);
    assert.match(r.stderr, c.usageOnParseError ? /\n\nUsage: kfgen / : /Run `kfgen --help` for usage\./, c.name);
  }
});

test.run();
