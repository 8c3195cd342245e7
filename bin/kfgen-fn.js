#!/usr/bin/env node
// The KRM exec function entry: kustomize's exec spec takes a path but no arguments.
import { ensureDist } from './ensure-dist.js';

ensureDist();
const { fnMain } = await import('../dist/krm/main.js');
process.exitCode = await fnMain(process.argv.slice(2));
