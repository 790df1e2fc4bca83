import { spawn } from 'node:child_process';
import { jest } from '@jest/globals';
import { writeCorpus } from '../../bench/support/corpus.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { shadowSchemaOf } from '../../src/projections/blue-green.js';
import { READ_MODEL_TABLES, snapshotTables, waitUntil } from '../projections-runner/support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { AppProcesses, appEnv, ROOT } from './support/app-process.js';
import { newHandle, registerMember, waitCaughtUp } from './support/community.js';
import { expectSameAsCleanRebuild, expectVotesCountedOnce } from './support/consistency.js';

/**
 * Crash safety of a blue-green rebuild (issue 6): `civic projections rebuild --all` is SIGKILLed
 * while it builds the shadow tables. The live tables, which the running app keeps serving and
 * updating, are untouched; run again, the rebuild resumes where the killed one committed last,
 * and the read models end identical, row by row, to a clean build of the log.
 */

jest.setTimeout(180_000);

let db: TestDatabase;
let store: PostgresEventStore;
let processes: AppProcesses;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.pool, db.url);
  processes = new AppProcesses(db.url);
});

afterAll(async () => {
  await processes?.killAll();
  await store?.close();
  await db?.drop();
});

/** The rebuilds' checkpoints (none before the first rebuild creates their table). */
async function rebuildRows(): Promise<{ name: string; position: number }[]> {
  const { rows } = await db.pool.query<{ name: string; position: string }>(
    `SELECT name, position FROM projections.rebuilds WHERE to_regclass('projections.rebuilds') IS NOT NULL ORDER BY name`,
  ).catch((error: { code?: string }) => {
    if (error.code === '42P01') return { rows: [] };
    throw error;
  });
  return rows.map((r) => ({ name: r.name, position: Number(r.position) }));
}

it('a SIGKILLed rebuild leaves the live tables serving; run again, it resumes and ends equal to a clean build', () =>
  processes.printLogOnFailure(async () => {
    const written = await writeCorpus(db.pool, { events: 15_000, members: 1500, proposals: 150 });
    const app = await processes.start({}, { waitHealthy: false });
    await processes.waitHealthy(app, 60_000).catch(() => undefined);
    await waitCaughtUp(app.url, 60_000);
    processes.note('caught up');
    const live = await snapshotTables(db.pool, READ_MODEL_TABLES);

    // The rebuild, in small batches so that the kill lands mid-way through the first projection.
    processes.note('civic projections rebuild --all --batch-size 200 (to be killed)');
    const child = spawn(process.execPath, ['bin/civic.js', 'projections', 'rebuild', '--all', '--batch-size', '200', '--json'], {
      cwd: ROOT,
      env: appEnv(db.url, processes.dataDir),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const midway = await waitUntil('the rebuild to commit some batches', async () => {
      const rows = await rebuildRows();
      return rows.length > 0 && rows[0]!.position >= 2000 ? rows[0] : undefined;
    }, 60_000, 5);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const left = (await rebuildRows())[0]!;
    processes.note(`killed the rebuild of ${left.name} at ${left.position} of ${written}`);
    expect(left.position).toBeLessThan(written);

    // The live tables are as they were, the shadow is left for the next run, and the app goes on.
    expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(live);
    const { rows: schemas } = await db.pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname = $1`, [shadowSchemaOf(left.name)]);
    expect(schemas).toHaveLength(1);
    const status = processes.runCli(['projections', 'status', '--json']);
    expect(status.status).toBe(0);
    const item = (JSON.parse(status.stdout) as { items: { name: string; state: string; rebuild: { position: number } | null }[] }).items.find((i) => i.name === left.name)!;
    expect(item.rebuild).toMatchObject({ position: left.position });
    expect(item.state).toBe('running');
    await registerMember(app.url, newHandle('during'));
    await waitCaughtUp(app.url);

    // Run again: it resumes the killed projection where it stood and rebuilds the others.
    const again = processes.runCli(['projections', 'rebuild', '--all', '--json']);
    processes.note('rebuilt');
    expect(again.status).toBe(0);
    const items = (JSON.parse(again.stdout) as { items: { name: string; resumedFrom: number; position: number }[] }).items;
    expect(items.find((i) => i.name === left.name)!.resumedFrom).toBe(left.position);
    expect(items.filter((i) => i.name !== left.name).every((i) => i.resumedFrom === 0)).toBe(true);
    expect(await rebuildRows()).toEqual([]);

    await waitCaughtUp(app.url);
    processes.note('caught up; clean build');
    await expectVotesCountedOnce(db.pool);
    await expectSameAsCleanRebuild(db.pool, store);
  }));
