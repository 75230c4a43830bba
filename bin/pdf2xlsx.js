#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`); main() returns the exit code.
import { exitCleanlyOnSignals, main } from '../dist/cli/main.js';

exitCleanlyOnSignals(process.stderr);
process.exitCode = await main(process.argv.slice(2));
// Everything is written. Work given up past --timeout on the main thread (--workers 1) cannot be
// stopped and may still hold an OCR worker that keeps the process alive: it is not waited for.
setTimeout(() => process.exit(), 2000).unref();
