import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http } from './http.js';

/** The repository root: `node dist/main.js` and `bin/civic.js` run from here. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const JWT_SECRET = 'crash-test-secret-of-sufficient-length-0123456789';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of the app and the CLI: everything from variables, nothing from the test runner. */
export function appEnv(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not the app's business
  delete env.TEST_DATABASE_URL;
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    JWT_SECRET,
    DEMO_SEED: 'false',
    SERVE_WEB: 'false',
    HOST: '127.0.0.1',
    ...extra,
  };
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The compiled app (`node dist/main.js`) as its own process, stdout and stderr appended to a log
 * file. Every process started is remembered, so `killAll` can end them whatever happened.
 */
export class AppProcesses {
  private readonly started = new Set<AppProcess>();
  readonly dataDir = mkdtempSync(join(tmpdir(), 'civic-crash-data-'));
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'civic-crash-log-')), 'app.log');

  constructor(private readonly databaseUrl: string) {}

  note(line: string): void {
    const fd = openSync(this.logFile, 'a');
    writeSync(fd, `\n===== ${new Date().toISOString()} ${line}\n`);
    closeSync(fd);
  }

  /** Starts the app and waits until GET /health answers 200. */
  async start(extra: Record<string, string> = {}, options: { waitHealthy?: boolean } = {}): Promise<AppProcess> {
    const port = await freePort();
    this.note(`starting node dist/main.js on port ${port} ${JSON.stringify(extra)}`);
    const fd = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: appEnv(this.databaseUrl, this.dataDir, { PORT: String(port), ROLE: 'all', ...extra }),
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const app: AppProcess = {
      child,
      url: `http://127.0.0.1:${port}`,
      exited,
      kill: async (signal = 'SIGKILL') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
    this.started.add(app);
    void exited.then(({ code, signal }) => this.note(`pid ${child.pid} exited: code ${code}, signal ${signal}`));
    if (options.waitHealthy !== false) await this.waitHealthy(app);
    return app;
  }

  async waitHealthy(app: AppProcess, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void app.exited.then(() => (exited = true));
    for (;;) {
      if (exited) throw new Error(`the app exited before it was healthy; log:\n${this.log()}`);
      try {
        if ((await http(app.url, 'GET', '/health', undefined, undefined, 2000)).status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the app was not healthy after ${timeoutMs} ms; log:\n${this.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Runs `work`; when it fails, prints the app's log (every start, kill and exit is in it). */
  async printLogOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      process.stderr.write(`\n----- app log (${this.logFile}) -----\n${this.log()}\n----- end of app log -----\n`);
      throw error;
    }
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '(no log)';
  }

  /** Kills every process still running and removes the temporary folders (the log was printed on failure). */
  async killAll(): Promise<void> {
    await Promise.all([...this.started].map((app) => app.kill('SIGKILL')));
    rmSync(this.dataDir, { recursive: true, force: true });
    if (process.env.CIVIC_KEEP_TEST_LOGS) process.stderr.write(`app log kept in ${this.logFile}\n`);
    else rmSync(dirname(this.logFile), { recursive: true, force: true });
  }

  /** Whether the CLI has `members bootstrap` (it runs from the build). */
  cliHasBootstrap(): boolean {
    if (!existsSync(join(ROOT, 'dist/cli/civic.js'))) return false;
    const help = spawnSync(process.execPath, ['bin/civic.js', 'members', 'bootstrap', '--help'], { cwd: ROOT, env: appEnv(this.databaseUrl, this.dataDir), encoding: 'utf8' });
    return help.status === 0 && help.stdout.includes('--email');
  }

  /** Runs the CLI to completion; its output goes to the log too. */
  runCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    this.note(`civic ${args.join(' ')}`);
    const result = spawnSync(process.execPath, ['bin/civic.js', ...args], { cwd: ROOT, env: appEnv(this.databaseUrl, this.dataDir), encoding: 'utf8', timeout: 60_000 });
    const fd = openSync(this.logFile, 'a');
    writeSync(fd, `${result.stdout}${result.stderr}\n(exit ${result.status})\n`);
    closeSync(fd);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
}
