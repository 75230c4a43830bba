#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`); main() returns the exit code.
import { exitCleanlyOnSignals, main } from '../dist/cli/main.js';

exitCleanlyOnSignals(process.stderr);
process.exitCode = await main(process.argv.slice(2));
