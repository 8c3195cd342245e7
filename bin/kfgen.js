#!/usr/bin/env node
import { ensureDist } from './ensure-dist.js';

ensureDist();
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
