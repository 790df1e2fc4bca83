import { generateKeyPairSync } from 'node:crypto';
import { jest } from '@jest/globals';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { keyIdOf, rawPublicKey } from '../../src/commands/shared/signed-act.js';
import type { NewEvent } from '../../src/events/envelope.js';
import { validateEvent } from '../../src/events/registry.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { rebuildBlueGreen } from '../../src/projections/blue-green.js';
import { membersProjection } from '../../src/projections/members/members.projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { checkpoint, waitForCheckpoints, waitUntil } from './support/harness.js';

jest.setTimeout(90_000);

/**
 * The API all through a blue-green rebuild (issue 6): the real app serves GET /api/members while
 * version 2 of the members projection (handles in capitals, so the version that answers is plain
 * to see) is built beside version 1 and swapped in, with members still registering. No answer
 * fails, none is empty or half-built, version 1 answers while version 2 is half-built, and
 * version 2 answers, whole, from the swap on.
 */

let t: TestApp;
let store: EventStore;

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get<EventStore>(EVENT_STORE);
});
afterAll(async () => {
  await t?.close();
});

function event(type: string, data: unknown, actor: string): NewEvent {
  const problems = validateEvent(type, data);
  if (problems.length > 0) throw new Error(`${type}: ${problems.join('; ')}`);
  const id = uuidv7();
  return { id, type, schemaVersion: 1, data, meta: { actor, correlationId: id, causationId: id, occurredAt: new Date().toISOString() } };
}

const { privateKey } = generateKeyPairSync('ed25519');
const publicKey = rawPublicKey(privateKey);

/** Registers `count` members, each with a key (one stream and one append each, many at a time). */
async function register(prefix: string, count: number): Promise<void> {
  const appends = Array.from({ length: count }, (_, i) => {
    const memberId = uuidv7();
    return () =>
      store.append(
        `member-${memberId}`,
        [event('members.MemberRegistered', { memberId, handle: `${prefix}-${i}` }, memberId), event('members.KeyRegistered', { memberId, keyId: keyIdOf(publicKey), publicKey }, memberId)],
        'noStream',
      );
  });
  for (let i = 0; i < appends.length; i += 200) await Promise.all(appends.slice(i, i + 200).map((a) => a()));
}

/** Version 2: the same rows, handles in capitals; each batch slowed so that queries land mid-build. */
const membersV2: Projection = {
  ...membersProjection,
  version: membersProjection.version + 1,
  async apply(batch, tx) {
    await membersProjection.apply(batch, tx);
    await tx.query(`UPDATE members SET handle = upper(handle) WHERE handle <> upper(handle)`);
    await tx.query('SELECT pg_sleep(0.03)');
  },
};

interface Answer {
  status: number;
  total: number;
  /** 'old' when every handle of the page is in small letters, 'new' when all are capitals, else 'mixed'. */
  version: 'old' | 'new' | 'mixed' | 'empty';
  /** Where the shadow build stood when the query was sent, and whether the swap had completed. */
  shadowAt: number;
  swappedBeforeSend: boolean;
  swappedBeforeAnswer: boolean;
}

it('answers every query, whole, from version 1 until the swap and from version 2 after it', async () => {
  await register('rb', 1500);
  const before = await store.headPosition();
  await waitForCheckpoints(t.db.pool, ['members'], before, 30_000);
  const membersBefore = 1500;

  let shadowAt = 0;
  let head = before;
  let swapped = false;
  let done = false;
  const answers: Answer[][] = [[], []];
  const query = async (out: Answer[]) => {
    while (!done) {
      const sent = { shadowAt, swapped };
      const res = await request(t.server).get('/api/members?limit=200');
      const handles = ((res.body as { items?: { handle: string }[] }).items ?? []).map((m) => m.handle);
      const version = handles.length === 0 ? 'empty' : handles.every((h) => h === h.toLowerCase()) ? 'old' : handles.every((h) => h === h.toUpperCase()) ? 'new' : 'mixed';
      out.push({ status: res.status, total: (res.body as { total: number }).total, version, shadowAt: sent.shadowAt, swappedBeforeSend: sent.swapped, swappedBeforeAnswer: swapped });
    }
  };
  const readers = answers.map((out) => query(out));
  // Members keep registering during the rebuild: the live runner applies them to version 1, the swap to version 2.
  const registering = register('rb-late', 300);
  const result = await rebuildBlueGreen(t.db.url, store, membersV2, {
    batchSize: 100,
    onProgress: (p) => {
      shadowAt = p.position;
      head = p.head;
    },
  });
  swapped = true;
  await registering;
  // A few more answers after the swap, then stop.
  await waitUntil('answers after the swap', () => answers.every((a) => a.filter((x) => x.swappedBeforeSend).length >= 3) || undefined);
  done = true;
  await Promise.all(readers);

  const all = answers.flat();
  expect(result.outcome).toBe('swapped');
  expect(all.filter((a) => a.status !== 200)).toEqual([]);
  // Never empty, never half-built, never a page of two versions.
  expect(all.filter((a) => a.version === 'empty' || a.version === 'mixed' || a.total < membersBefore)).toEqual([]);
  // Version 1 answered while version 2 was half-built in its shadow tables...
  const midBuild = all.filter((a) => a.version === 'old' && a.shadowAt > 0 && a.shadowAt < before && !a.swappedBeforeAnswer);
  expect(midBuild.length).toBeGreaterThan(5);
  // ...only version 1 answered before the swap, only version 2 after it, in each reader's order.
  for (const out of answers) {
    const firstNew = out.findIndex((a) => a.version === 'new');
    expect(firstNew).toBeGreaterThan(0);
    expect(out.slice(0, firstNew).every((a) => a.version === 'old' && !a.swappedBeforeSend)).toBe(true);
    expect(out.slice(firstNew).every((a) => a.version === 'new')).toBe(true);
    expect(out.every((a, i) => i === 0 || a.total >= out[i - 1]!.total)).toBe(true);
  }
  expect(all.filter((a) => a.swappedBeforeSend).every((a) => a.version === 'new')).toBe(true);

  // Version 2 is live with every member, and the app's version 1 runner stands by.
  expect(await checkpoint(t.db.pool, 'members')).toMatchObject({ version: membersV2.version, position: result.position });
  const final = await request(t.server).get('/api/members?limit=1').expect(200);
  const { rows } = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM event_store.events WHERE type = 'members.MemberRegistered' AND position < $1`, [result.position]);
  expect(final.body.total).toBe(Number(rows[0]!.n));
  expect(head).toBeGreaterThanOrEqual(before);
  await waitUntil('the version 1 runner to stand by', async () => {
    const { body } = await request(t.server).get('/api/projections').expect(200);
    return (body.items as { name: string; local: string }[]).find((p) => p.name === 'members')?.local === 'standby' || undefined;
  });
});
