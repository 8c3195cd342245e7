#!/usr/bin/env node
// The KRM exec function entry: kustomize's exec spec takes a path but no arguments.
import { fnMain } from '../dist/krm/main.js';

fnMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
