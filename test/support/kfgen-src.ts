// The CLI from src/, as bin/kfgen.js runs it from dist/: the fuzz tests' process runs exercise the
// code under test without a compile step.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
