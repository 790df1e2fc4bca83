import { membersProjection } from '../../src/projections/members/members.projection.js';
import { countElectorate, getMember, listMembers } from '../../src/read-models/members/member-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, membersProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, membersProjection);
});

const rows = async (table: string) => (await db.pool.query(`SELECT * FROM ${table} ORDER BY 1`)).rows;

describe('members projection', () => {
  it('declares what it handles and owns', () => {
    expect(membersProjection).toMatchObject({ name: 'members', version: 1 });
    expect([...membersProjection.handles].sort()).toEqual(['members.KeyRegistered', 'members.MemberRegistered', 'members.MemberVerified', 'members.RoleGranted']);
    expect(membersProjection.tables).toEqual(['members', 'member_keys']);
  });

  it('applies each event type, one batch per event', async () => {
    const log = new EventLog(100);
    const alice = newId();
    const bob = newId();
    const reg = log.registered(alice, 'alice');
    await applyBatch(db.pool, membersProjection, [reg]);
    expect(await rows('read_models.members')).toEqual([
      {
        member_id: alice,
        handle: 'alice',
        registered_at: new Date(reg.meta.occurredAt),
        registered_position: '100',
        verified_position: null,
        verified_by: null,
        roles: [],
        updated_position: '100',
      },
    ]);

    await applyBatch(db.pool, membersProjection, [log.keyRegistered(alice, 'k1', 'PUBKEY1')]);
    expect(await rows('read_models.member_keys')).toEqual([{ key_id: 'k1', member_id: alice, public_key: 'PUBKEY1', registered_position: '101' }]);

    await applyBatch(db.pool, membersProjection, [log.registered(bob, 'bob')]);
    await applyBatch(db.pool, membersProjection, [log.roleGranted(bob, 'verifier')]);
    await applyBatch(db.pool, membersProjection, [log.verified(alice, bob)]);

    const [a, b] = [await getMember(db.pool, alice), await getMember(db.pool, bob)];
    expect(a).toMatchObject({ handle: 'alice', verified: true, verifiedPosition: 104, verifiedBy: bob, roles: [], updatedPosition: 104 });
    expect(a!.keys).toEqual([{ keyId: 'k1', publicKey: 'PUBKEY1', registeredPosition: 101 }]);
    expect(b).toMatchObject({ handle: 'bob', verified: false, verifiedPosition: null, roles: ['verifier'], updatedPosition: 103, keys: [] });
  });

  it('folds many events for one member in one batch', async () => {
    const log = new EventLog(10);
    const m = newId();
    const v = newId();
    log.registered(v, 'verifier');
    log.registered(m, 'many');
    log.keyRegistered(m, 'k-a');
    log.roleGranted(m, 'moderator');
    log.keyRegistered(m, 'k-b');
    log.verified(m, v);
    log.verified(m, newId()); // a second attestation does not move the first
    log.roleGranted(m, 'arbiter');
    log.roleGranted(m, 'moderator');
    log.keyRegistered(m, 'k-a', 'other key under a taken id');
    const queries = await applyBatch(db.pool, membersProjection, log.events);
    expect(queries).toBeLessThanOrEqual(3);

    const member = await getMember(db.pool, m);
    expect(member).toEqual({
      memberId: m,
      handle: 'many',
      registeredAt: log.events[1]!.meta.occurredAt,
      registeredPosition: 11,
      verified: true,
      verifiedPosition: 15,
      verifiedBy: v,
      roles: ['moderator', 'arbiter'],
      updatedPosition: 19,
      keys: [
        { keyId: 'k-a', publicKey: 'pk-k-a', registeredPosition: 12 },
        { keyId: 'k-b', publicKey: 'pk-k-b', registeredPosition: 14 },
      ],
    });
  });

  it('merges roles with those already stored and keeps the first verification across batches', async () => {
    const log = new EventLog();
    const m = newId();
    await applyBatch(db.pool, membersProjection, [log.registered(m, 'm'), log.roleGranted(m, 'steward'), log.verified(m, 'v1')]);
    await applyBatch(db.pool, membersProjection, [log.roleGranted(m, 'steward'), log.roleGranted(m, 'verifier'), log.verified(m, 'v2')]);
    expect(await getMember(db.pool, m)).toMatchObject({ roles: ['steward', 'verifier'], verifiedPosition: 2, verifiedBy: 'v1', updatedPosition: 5 });
  });

  it('skips event types it does not handle, and events of members never registered', async () => {
    const log = new EventLog();
    const m = newId();
    const ghost = newId();
    log.other();
    log.registered(m, 'm');
    log.other('governance.VoteCast');
    log.verified(ghost, m);
    log.roleGranted(ghost, 'arbiter');
    log.other('members.SomethingNew');
    await applyBatch(db.pool, membersProjection, log.events);
    expect((await rows('read_models.members')).map((r) => r.member_id)).toEqual([m]);
    expect(await getMember(db.pool, ghost)).toBeNull();
    // a batch of only foreign events runs no query at all
    expect(await applyBatch(db.pool, membersProjection, [log.other(), log.other()])).toBe(0);
  });

  it('applying the same batch twice changes nothing', async () => {
    const log = new EventLog();
    const m = newId();
    log.registered(m, 'm');
    log.keyRegistered(m, 'k');
    log.roleGranted(m, 'steward');
    log.verified(m, 'v');
    await applyBatch(db.pool, membersProjection, log.events);
    const once = await snapshot(db.pool, membersProjection.tables);
    await applyBatch(db.pool, membersProjection, log.events);
    await applyBatch(db.pool, membersProjection, log.events.slice(1, 3));
    expect(await snapshot(db.pool, membersProjection.tables)).toEqual(once);
  });

  it('runs a constant number of queries whatever the batch size', async () => {
    const log = new EventLog();
    for (let i = 0; i < 300; i++) {
      const m = newId();
      log.registered(m, `m${i}`);
      log.keyRegistered(m, `k${i}`);
      log.verified(m, 'v');
      log.roleGranted(m, 'moderator');
    }
    const [big] = await applyBatches(db.pool, membersProjection, [log.events]);
    expect(big).toBe(3);
    expect((await listMembers(db.pool, { limit: 1000, offset: 0 })).length).toBe(300);
  });

  it('answers the queries: paging in registration order, electorate as of a position', async () => {
    const log = new EventLog();
    const ids = Array.from({ length: 5 }, () => newId());
    ids.forEach((id, i) => log.registered(id, `h${i}`)); // positions 0-4
    log.verified(ids[3]!, 'v'); // 5
    log.verified(ids[0]!, 'v'); // 6
    log.verified(ids[4]!, 'v'); // 7
    await applyBatches(db.pool, membersProjection, [log.events.slice(0, 4), log.events.slice(4)]);

    expect((await listMembers(db.pool, { limit: 2, offset: 0 })).map((m) => m.handle)).toEqual(['h0', 'h1']);
    expect((await listMembers(db.pool, { limit: 2, offset: 3 })).map((m) => m.handle)).toEqual(['h3', 'h4']);
    const first = (await listMembers(db.pool, { limit: 1, offset: 0 }))[0]!;
    expect(first).toEqual({
      memberId: ids[0],
      handle: 'h0',
      registeredAt: log.events[0]!.meta.occurredAt,
      registeredPosition: 0,
      verified: true,
      verifiedPosition: 6,
      verifiedBy: 'v',
      roles: [],
      updatedPosition: 6,
    });
    expect(await listMembers(db.pool, { limit: 10, offset: 10 })).toEqual([]);

    expect(await countElectorate(db.pool, 4)).toBe(0);
    expect(await countElectorate(db.pool, 5)).toBe(1);
    expect(await countElectorate(db.pool, 6)).toBe(2);
    expect(await countElectorate(db.pool, 1_000)).toBe(3);

    expect(await getMember(db.pool, newId())).toBeNull();
    expect(await getMember(db.pool, 'not-a-uuid')).toBeNull();
  });
});
