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
    expect(membersProjection).toMatchObject({ name: 'members', version: 2 });
    expect([...membersProjection.handles].sort()).toEqual([
      'members.KeyRegistered',
      'members.KeyRotated',
      'members.MemberLeft',
      'members.MemberRegistered',
      'members.MemberSuspended',
      'members.MemberSuspensionLifted',
      'members.MemberVerified',
      'members.RoleGranted',
      'members.RoleRevoked',
    ]);
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
        verification_method: null,
        roles: [],
        suspended_until: null,
        suspension_reason: null,
        left_position: null,
        updated_position: '100',
      },
    ]);

    await applyBatch(db.pool, membersProjection, [log.keyRegistered(alice, 'k1', 'PUBKEY1')]);
    expect(await rows('read_models.member_keys')).toEqual([
      { key_id: 'k1', member_id: alice, public_key: 'PUBKEY1', registered_position: '101', rotated_from: null, attested_by: null, retired_position: null, replaced_by: null },
    ]);

    await applyBatch(db.pool, membersProjection, [log.registered(bob, 'bob')]);
    await applyBatch(db.pool, membersProjection, [log.roleGranted(bob, 'verifier')]);
    await applyBatch(db.pool, membersProjection, [log.verified(alice, bob)]);

    const [a, b] = [await getMember(db.pool, alice), await getMember(db.pool, bob)];
    expect(a).toMatchObject({ handle: 'alice', verified: true, verifiedPosition: 104, verifiedBy: bob, roles: [], updatedPosition: 104 });
    expect(a!.keys).toEqual([{ keyId: 'k1', publicKey: 'PUBKEY1', registeredPosition: 101, rotatedFrom: null, attestedBy: null, retiredPosition: null, replacedBy: null }]);
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
      status: { kind: 'verified' },
      verified: true,
      verifiedPosition: 15,
      verifiedBy: v,
      verificationMethod: null,
      roles: ['moderator', 'arbiter'],
      updatedPosition: 19,
      keys: [
        { keyId: 'k-a', publicKey: 'pk-k-a', registeredPosition: 12, rotatedFrom: null, attestedBy: null, retiredPosition: null, replacedBy: null },
        { keyId: 'k-b', publicKey: 'pk-k-b', registeredPosition: 14, rotatedFrom: null, attestedBy: null, retiredPosition: null, replacedBy: null },
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
      status: { kind: 'verified' },
      verified: true,
      verifiedPosition: 6,
      verifiedBy: 'v',
      verificationMethod: null,
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

  describe('the member lifecycle', () => {
    const rotation = (log: EventLog, memberId: string, oldKeyId: string, newKeyId: string, attestation: object = { kind: 'old-key' }) =>
      log.append(`member-${memberId}`, 'members.KeyRotated', { memberId, oldKeyId, newKeyId, publicKey: `pk-${newKeyId}`, possession: 'sig', attestation }, memberId);

    it('shows status, verification method, suspension and leaving, and keys with their rotation history', async () => {
      const log = new EventLog(200);
      const m = newId();
      log.registered(m, 'rosa');
      log.keyRegistered(m, 'k1');
      log.append(`member-${m}`, 'members.MemberVerified', { memberId: m, verifierId: 'v1', evidence: { kind: 'committed', method: 'in-person', commitment: 'c'.repeat(64) } });
      await applyBatch(db.pool, membersProjection, log.events);
      const at = new Date('2030-01-01T00:00:00.000Z');
      expect(await getMember(db.pool, m, at)).toMatchObject({ status: { kind: 'verified' }, verificationMethod: 'in-person' });

      // Rotations in two batches, the second attested by a verifier; a suspension in the same batch.
      await applyBatch(db.pool, membersProjection, [rotation(log, m, 'k1', 'k2')]);
      const queries = await applyBatch(db.pool, membersProjection, [
        rotation(log, m, 'k2', 'k3', { kind: 'verifier', verifierId: 'v1' }),
        log.append(`member-${m}`, 'members.MemberSuspended', { memberId: m, until: '2030-01-08T00:00:00.000Z', actionId: 'a-1', reason: 'spam' }),
      ]);
      expect(queries).toBeLessThanOrEqual(4);
      const suspended = await getMember(db.pool, m, at);
      expect(suspended!.status).toEqual({ kind: 'suspended', until: '2030-01-08T00:00:00.000Z', reason: 'spam' });
      expect((await getMember(db.pool, m, new Date('2030-01-08T00:00:00.000Z')))!.status).toEqual({ kind: 'verified' });
      expect(suspended!.keys).toEqual([
        { keyId: 'k1', publicKey: 'pk-k1', registeredPosition: 201, rotatedFrom: null, attestedBy: null, retiredPosition: 203, replacedBy: 'k2' },
        { keyId: 'k2', publicKey: 'pk-k2', registeredPosition: 203, rotatedFrom: 'k1', attestedBy: null, retiredPosition: 204, replacedBy: 'k3' },
        { keyId: 'k3', publicKey: 'pk-k3', registeredPosition: 204, rotatedFrom: 'k2', attestedBy: 'v1', retiredPosition: null, replacedBy: null },
      ]);

      const lifted = log.append(`member-${m}`, 'members.MemberSuspensionLifted', { memberId: m, actionId: 'a-2' });
      await applyBatch(db.pool, membersProjection, [lifted]);
      await applyBatch(db.pool, membersProjection, [lifted]); // replayed: nothing changes
      expect((await getMember(db.pool, m, at))!.status).toEqual({ kind: 'verified' });

      expect(await countElectorate(db.pool, 206)).toBe(1);
      await applyBatch(db.pool, membersProjection, [log.append(`member-${m}`, 'members.MemberLeft', { memberId: m }, m)]);
      const left = await getMember(db.pool, m, at);
      expect(left).toMatchObject({ handle: 'rosa', roles: [], status: { kind: 'left', atPosition: 207 } });
      // A member who left is no longer in an electorate cut after the leaving; still in one cut before it.
      expect(await countElectorate(db.pool, 207)).toBe(0);
      expect(await countElectorate(db.pool, 206)).toBe(1);
    });
  });
});
