import { jest } from '@jest/globals';
import { writeCorpus } from '../../bench/support/corpus.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { readCheckpoints } from '../../src/projections/checkpoints.js';
import { waitUntil } from '../projections-runner/support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { AppProcesses, type AppProcess } from './support/app-process.js';
import { http, waitCaughtUp } from './support/community.js';
import { expectLogWellFormed, expectSameAsCleanRebuild, expectVotesCountedOnce } from './support/consistency.js';

/**
 * Failover between processes (issue 6): two app processes run the projector role; the first holds
 * every projection's lock and the second stands by. The active one is SIGKILLed while it catches
 * up on 20,000 events; the standby takes over, and the read models end equal to a clean build
 * (nothing applied twice, nothing skipped). The takeover time is measured and printed.
 */

jest.setTimeout(240_000);

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

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
const positions = async () => Object.fromEntries((await readCheckpoints(db.pool)).filter((c) => NAMES.includes(c.name)).map((c) => [c.name, c.position]));

async function local(app: AppProcess): Promise<string[]> {
  const answer = await http(app.url, 'GET', '/api/projections');
  return ((answer.body?.items ?? []) as { name: string; local: string }[]).filter((p) => NAMES.includes(p.name)).map((p) => p.local);
}

it('the standby process takes over from a SIGKILLed active one within seconds; nothing is applied twice or skipped', () =>
  processes.printLogOnFailure(async () => {
    const active = await processes.start({ ROLE: 'all' });
    await waitUntil('the first process to run every projection', async () => (await local(active)).every((s) => s === 'running') || undefined, 30_000, 50);
    const standby = await processes.start({ ROLE: 'all' });
    await waitUntil('the second process to stand by', async () => (await local(standby)).every((s) => s === 'standby') || undefined, 30_000, 50);

    // 20,000 events land at once; the active process catches up in batches, and dies mid-way.
    const head = await writeCorpus(db.pool, { events: 20_000, members: 2000, proposals: 200 });
    const before = await waitUntil('the active process to commit some batches', async () => {
      const now = await positions();
      return NAMES.some((n) => (now[n] ?? 0) > 1000) ? now : undefined;
    }, 30_000, 2);
    active.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await active.exited).signal).toBe('SIGKILL');
    const left = await positions();
    processes.note(`killed the active process at ${JSON.stringify(left)} (seen ${JSON.stringify(before)}), head ${head}`);
    expect(NAMES.some((n) => left[n]! < head)).toBe(true);

    // The standby commits a batch of its own: the takeover.
    await waitUntil('the standby to take over', async () => {
      const now = await positions();
      return NAMES.some((n) => now[n]! > left[n]!) || undefined;
    }, 30_000, 10);
    const takeoverMs = Date.now() - killedAt;
    processes.note(`takeover after ${takeoverMs} ms`);
    process.stdout.write(`failover: the standby committed its first batch ${takeoverMs} ms after the active process was killed\n`);

    const items = await waitCaughtUp(standby.url, 120_000);
    processes.note('caught up; clean build');
    expect(items.filter((i) => NAMES.includes(i.name)).map((i) => i.position)).toEqual(NAMES.map(() => head));
    expect(await local(standby)).toEqual(NAMES.map(() => 'running'));
    await expectLogWellFormed(db.pool, store);
    await expectVotesCountedOnce(db.pool);
    await expectSameAsCleanRebuild(db.pool, store);
  }));
