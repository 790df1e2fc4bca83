/**
 * `npm run bench -- <name> [options]` runs `bench/<name>.ts`.
 *
 * Every `.ts` file directly in bench/ other than this one is a benchmark: adding one (ledger,
 * rebuild, ...) is adding a file that exports `description` and `run(args)`. Shared helpers go
 * in a sub-folder, where they are not taken for benchmarks.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Benchmark {
  /** One line for the list of benchmarks. */
  description: string;
  run(args: string[]): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== basename(fileURLToPath(import.meta.url)))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

async function load(name: string): Promise<Benchmark> {
  return (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as Benchmark;
}

async function printList(): Promise<void> {
  console.error('usage: npm run bench -- <name> [options]\n\nbenchmarks:');
  for (const name of available()) {
    const { description } = await load(name);
    console.error(`  ${name.padEnd(12)} ${description ?? ''}`);
  }
}

const [name, ...args] = process.argv.slice(2);
if (!name || !available().includes(name)) {
  if (name) console.error(`unknown benchmark: ${name}\n`);
  await printList();
  process.exit(1);
}
const benchmark = await load(name);
try {
  await benchmark.run(args);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
