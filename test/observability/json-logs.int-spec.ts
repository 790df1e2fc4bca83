import { jest } from '@jest/globals';
import { AppProcesses, type AppProcess } from '../crash/support/app-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { until } from './support.js';

jest.setTimeout(40_000);

/**
 * Structured logs (issue 6): the real app as its own process (`node dist/main.js`), its stdout
 * read back. Every line is one JSON object with level, time and message; the lines written while
 * a request is handled carry its correlation id, which the response returns in X-Correlation-Id.
 */

let db: TestDatabase;
let processes: AppProcesses;
let app: AppProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  processes = new AppProcesses(db.url);
  app = await processes.start();
});
afterAll(async () => {
  await processes?.killAll();
  await db?.drop();
});

interface LogLine {
  level: string;
  time: string;
  message: string;
  correlationId?: string;
  [key: string]: unknown;
}

/** The app's log lines (the notes AppProcesses writes between them are not the app's). */
function appLines(): LogLine[] {
  return processes
    .log()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('=====') && !line.startsWith('civic ') && !/^\(exit \d+\)$/.test(line))
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`a log line is not JSON: ${line}`);
      }
    });
}

it('writes every line as JSON with level, time and message, and tags request lines with the correlation id', async () => {
  await processes.printLogOnFailure(async () => {
    const given = await fetch(`${app.url}/health`, { headers: { 'X-Correlation-Id': 'json-log-check-1' } });
    expect(given.status).toBe(200);
    expect(given.headers.get('x-correlation-id')).toBe('json-log-check-1');
    const minted = await fetch(`${app.url}/api/no-such-route`);
    expect(minted.status).toBe(404);
    const mintedId = minted.headers.get('x-correlation-id')!;
    expect(mintedId).toMatch(/^[0-9a-f-]{36}$/);

    // A projection marked failed makes readiness fail; the warning the app logs while answering
    // that request carries the request's correlation id.
    await db.pool.query(`UPDATE projections.checkpoints SET status = 'failed', error = 'injected for the log test' WHERE name = 'proposals'`);
    const failing = await fetch(`${app.url}/health`, { headers: { 'X-Correlation-Id': 'json-log-check-2' } });
    expect(failing.status).toBe(503);

    const lines = await until('the request lines in the log', async () => {
      const all = appLines();
      return all.some((l) => l.correlationId === 'json-log-check-2' && l.level === 'warn') && all.some((l) => l.correlationId === mintedId) ? all : undefined;
    });
    for (const line of lines) {
      expect(typeof line.level).toBe('string');
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
      expect(typeof line.message).toBe('string');
    }
    // Start-up lines (no request): the roles line of main.ts.
    expect(lines.some((l) => l.level === 'info' && l.message.startsWith('roles ') && l.correlationId === undefined)).toBe(true);
    // One line per request, with its id, route and status.
    expect(lines.filter((l) => l.message === 'request completed' && l.correlationId === 'json-log-check-1')).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', url: '/health', status: 200 }),
    ]);
    expect(lines.filter((l) => l.message === 'request completed' && l.correlationId === mintedId)).toEqual([expect.objectContaining({ status: 404 })]);
    // The 503's warning, written by the exception filter inside the request, carries its id.
    const errorLine = lines.find((l) => l.level === 'warn' && l.correlationId === 'json-log-check-2')!;
    expect(errorLine.message).toContain('projection failed: proposals');
  });
});
