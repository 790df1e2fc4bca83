import { delegationsProjection } from '../../src/projections/governance/delegations.projection.js';
import { getMemberDelegations } from '../../src/read-models/governance/delegation-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, delegationsProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, delegationsProjection);
});

const delegated = (log: EventLog, delegatorId: string, delegateId: string, topic: string | null = null) =>
  log.append('delegations', 'governance.VoteDelegated', { delegatorId, delegateId, topic }, delegatorId);
const revoked = (log: EventLog, delegatorId: string, topic: string | null = null) =>
  log.append('delegations', 'governance.DelegationRevoked', { delegatorId, topic }, delegatorId);

describe('delegations projection', () => {
  it('declares what it handles and owns', () => {
    expect(delegationsProjection).toMatchObject({ name: 'delegations', version: 1, tables: ['delegations'] });
    expect([...delegationsProjection.handles].sort()).toEqual(['governance.DelegationRevoked', 'governance.VoteDelegated']);
  });

  it('keeps each member\'s standing delegations by topic, replaced and revoked, given and received', async () => {
    const log = new EventLog(10);
    const [a, b, c] = [newId(), newId(), newId()];
    delegated(log, a, b);
    const water = delegated(log, a, c, 'water');
    delegated(log, b, c);
    await applyBatch(db.pool, delegationsProjection, log.events);
    expect(await getMemberDelegations(db.pool, a)).toEqual({
      memberId: a,
      given: [
        { delegatorId: a, delegateId: b, topic: null, delegatedAt: log.events[0]!.meta.occurredAt, position: 10 },
        { delegatorId: a, delegateId: c, topic: 'water', delegatedAt: water.meta.occurredAt, position: 11 },
      ],
      received: [],
    });
    expect((await getMemberDelegations(db.pool, c)).received.map((d) => [d.delegatorId, d.topic])).toEqual([
      [b, null],
      [a, 'water'],
    ]);

    // replaced, then revoked in one batch with a new delegation: the last word per row wins
    const replaced = delegated(log, a, c);
    revoked(log, a, 'water');
    await applyBatch(db.pool, delegationsProjection, log.events.slice(3));
    expect((await getMemberDelegations(db.pool, a)).given).toEqual([
      { delegatorId: a, delegateId: c, topic: null, delegatedAt: replaced.meta.occurredAt, position: 13 },
    ]);
    expect(await getMemberDelegations(db.pool, 'not-a-uuid')).toEqual({ memberId: 'not-a-uuid', given: [], received: [] });
  });

  it('gives the same rows whether the history comes in one batch or many small ones', async () => {
    const log = new EventLog();
    const members = Array.from({ length: 5 }, () => newId());
    for (let i = 0; i < 30; i++) {
      const from = members[i % 5]!;
      const to = members[(i * 3 + 1) % 5]!;
      const topic = i % 3 === 0 ? null : `topic-${i % 2}`;
      if (from !== to) delegated(log, from, to, topic);
      if (i % 4 === 0) revoked(log, from, topic);
      if (i % 7 === 0) log.other();
    }
    await applyBatch(db.pool, delegationsProjection, log.events);
    const whole = await snapshot(db.pool, ['delegations']);
    await truncate(db.pool, delegationsProjection);
    const sizes = [1, 3, 2, 7];
    const batches: (typeof log.events)[] = [];
    for (let i = 0, k = 0; i < log.events.length; k++) {
      batches.push(log.events.slice(i, i + sizes[k % sizes.length]!));
      i += sizes[k % sizes.length]!;
    }
    await applyBatches(db.pool, delegationsProjection, batches);
    expect(await snapshot(db.pool, ['delegations'])).toEqual(whole);
  });
});
