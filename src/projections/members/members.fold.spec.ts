import { chunk, communityHistory, EventLog, newId } from '../../../test/projections/support/events.js';
import { foldMembers, memberIdsOf, type MemberKeyRow, type MemberRow } from './members.fold.js';

const none = new Map<string, MemberRow>();

/** Folds batch after batch, carrying the rows forward as the tables would. */
function foldInBatches(batches: Parameters<typeof foldMembers>[1][]): { members: Map<string, MemberRow>; keys: Map<string, MemberKeyRow> } {
  const members = new Map<string, MemberRow>();
  const keys = new Map<string, MemberKeyRow>();
  for (const batch of batches) {
    const changes = foldMembers(members, batch);
    for (const m of changes.members) members.set(m.memberId, m);
    for (const k of changes.keys) if (!keys.has(k.keyId)) keys.set(k.keyId, k);
  }
  return { members, keys };
}

describe('foldMembers', () => {
  it('registers a member', () => {
    const log = new EventLog(7);
    const m = newId();
    const e = log.registered(m, 'ada');
    expect(foldMembers(none, [e])).toEqual({
      members: [
        {
          memberId: m,
          handle: 'ada',
          registeredAt: e.meta.occurredAt,
          registeredPosition: 7,
          verifiedPosition: null,
          verifiedBy: null,
          verificationMethod: null,
          roles: [],
          suspendedUntil: null,
          suspensionReason: null,
          leftPosition: null,
          updatedPosition: 7,
        },
      ],
      keys: [],
      retired: [],
    });
  });

  it('folds registration, keys, verification and roles of one member into one row', () => {
    const log = new EventLog();
    const m = newId();
    log.registered(m, 'ada');
    log.keyRegistered(m, 'k1');
    log.roleGranted(m, 'steward');
    log.verified(m, 'v1');
    log.verified(m, 'v2');
    log.roleGranted(m, 'arbiter');
    log.roleGranted(m, 'steward');
    log.keyRegistered(m, 'k1', 'again');
    const { members, keys } = foldMembers(none, log.events);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ registeredPosition: 0, verifiedPosition: 3, verifiedBy: 'v1', roles: ['steward', 'arbiter'], updatedPosition: 7 });
    expect(keys).toEqual([{ keyId: 'k1', memberId: m, publicKey: 'pk-k1', registeredPosition: 1, rotatedFrom: null, attestedBy: null }]);
  });

  it('builds on the stored row and does not change the row it was given', () => {
    const log = new EventLog();
    const m = newId();
    const stored = foldMembers(none, [log.registered(m, 'ada'), log.roleGranted(m, 'verifier')]).members[0]!;
    const frozen = structuredClone(stored);
    const { members } = foldMembers(new Map([[m, stored]]), [log.roleGranted(m, 'moderator'), log.verified(m, 'v')]);
    expect(members).toEqual([{ ...stored, roles: ['verifier', 'moderator'], verifiedPosition: 3, verifiedBy: 'v', updatedPosition: 3 }]);
    expect(stored).toEqual(frozen);
  });

  it('skips events already applied, other event types and members never registered', () => {
    const log = new EventLog();
    const m = newId();
    const ghost = newId();
    log.registered(m, 'ada');
    log.roleGranted(m, 'steward');
    const stored = foldMembers(none, log.events).members[0]!;
    log.other();
    log.verified(ghost, m);
    log.roleGranted(ghost, 'arbiter');
    expect(foldMembers(new Map([[m, stored]]), log.events)).toEqual({ members: [], keys: [], retired: [] });
    expect(memberIdsOf(log.events).sort()).toEqual([m, ghost].sort());
  });

  it('a second registration of the same member keeps the first handle', () => {
    const log = new EventLog();
    const m = newId();
    const { members } = foldMembers(none, [log.registered(m, 'first'), log.registered(m, 'second')]);
    expect(members).toEqual([expect.objectContaining({ handle: 'first', registeredPosition: 0, updatedPosition: 1 })]);
  });

  it('gives the same rows in one batch as in batches of any size', () => {
    const history = communityHistory(3).events;
    const whole = foldInBatches([history]);
    expect(whole.members.size).toBe(24);
    for (const sizes of [[1], [3], [2, 9, 40]]) expect(foldInBatches(chunk(history, sizes))).toEqual(whole);
  });

  describe('the member lifecycle', () => {
    const rotation = (log: EventLog, memberId: string, oldKeyId: string, newKeyId: string, attestation: object = { kind: 'old-key' }) =>
      log.append(`member-${memberId}`, 'members.KeyRotated', { memberId, oldKeyId, newKeyId, publicKey: `pk-${newKeyId}`, possession: 'sig', attestation }, memberId);

    it('keeps the method of a committed verification, and none for a version 1 event', () => {
      const log = new EventLog();
      const [a, b] = [newId(), newId()];
      log.registered(a, 'ada');
      log.registered(b, 'bob');
      log.verified(a, 'v1');
      log.append(`member-${b}`, 'members.MemberVerified', { memberId: b, verifierId: 'v1', evidence: { kind: 'committed', method: 'vouching', commitment: 'c'.repeat(64) } });
      const { members } = foldMembers(none, log.events);
      expect(members.map((m) => m.verificationMethod)).toEqual([null, 'vouching']);
    });

    it('records a rotated-in key with where it came from, and retires the old key', () => {
      const log = new EventLog();
      const m = newId();
      log.registered(m, 'ada');
      log.keyRegistered(m, 'k1');
      rotation(log, m, 'k1', 'k2');
      rotation(log, m, 'k2', 'k3', { kind: 'verifier', verifierId: 'v1' });
      const { keys, retired, members } = foldMembers(none, log.events);
      expect(keys).toEqual([
        { keyId: 'k1', memberId: m, publicKey: 'pk-k1', registeredPosition: 1, rotatedFrom: null, attestedBy: null },
        { keyId: 'k2', memberId: m, publicKey: 'pk-k2', registeredPosition: 2, rotatedFrom: 'k1', attestedBy: null },
        { keyId: 'k3', memberId: m, publicKey: 'pk-k3', registeredPosition: 3, rotatedFrom: 'k2', attestedBy: 'v1' },
      ]);
      expect(retired).toEqual([
        { keyId: 'k1', retiredPosition: 2, replacedBy: 'k2' },
        { keyId: 'k2', retiredPosition: 3, replacedBy: 'k3' },
      ]);
      expect(members[0]!.updatedPosition).toBe(3);
    });

    it('shows a suspension until it is lifted, and a member who left without roles', () => {
      const log = new EventLog();
      const m = newId();
      log.registered(m, 'ada');
      log.roleGranted(m, 'moderator');
      log.append(`member-${m}`, 'members.MemberSuspended', { memberId: m, until: '2030-01-08T02:00:00+02:00', actionId: 'a-1', reason: 'spam' });
      const suspended = foldMembers(none, log.events).members[0]!;
      expect(suspended).toMatchObject({ suspendedUntil: '2030-01-08T00:00:00.000Z', suspensionReason: 'spam', roles: ['moderator'] });

      const lifted = foldMembers(new Map([[m, suspended]]), [log.append(`member-${m}`, 'members.MemberSuspensionLifted', { memberId: m, actionId: 'a-2' })]).members[0]!;
      expect(lifted).toMatchObject({ suspendedUntil: null, suspensionReason: null });

      const left = foldMembers(new Map([[m, lifted]]), [log.append(`member-${m}`, 'members.MemberLeft', { memberId: m }, m)]).members[0]!;
      expect(left).toMatchObject({ handle: 'ada', roles: [], leftPosition: 4, updatedPosition: 4 });
    });
  });
});
