import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CivicRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const CIVIC_BIN = fileURLToPath(new URL('../../../bin/civic.js', import.meta.url));

/** A fresh folder for key files, password files and DATA_DIR. */
export function tempDir(prefix = 'civic-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `node bin/civic.js ...args` as a user would (the compiled build), on the given database. */
export function civic(args: readonly string[], env: { DATABASE_URL?: string; DATA_DIR: string } & Record<string, string | undefined>): Promise<CivicRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CIVIC_BIN, ...args],
      {
        cwd: env.DATA_DIR,
        // Not jest's NODE_OPTIONS (--experimental-vm-modules): the CLI runs as it would in a shell.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, NODE_OPTIONS: '' },
        timeout: 60_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** No stack trace reached the user: expected errors are one clear line. */
export function expectNoStackTrace(run: CivicRun): void {
  if (/^\s+at .+\(.*:\d+:\d+\)$/m.test(run.stderr) || /^\s+at .+:\d+:\d+$/m.test(run.stderr)) {
    throw new Error(`stack trace on stderr:\n${run.stderr}`);
  }
}
