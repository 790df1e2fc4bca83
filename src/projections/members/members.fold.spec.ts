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
      members: [{ memberId: m, handle: 'ada', registeredAt: e.meta.occurredAt, registeredPosition: 7, verifiedPosition: null, verifiedBy: null, roles: [], updatedPosition: 7 }],
      keys: [],
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
    expect(keys).toEqual([{ keyId: 'k1', memberId: m, publicKey: 'pk-k1', registeredPosition: 1 }]);
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
    expect(foldMembers(new Map([[m, stored]]), log.events)).toEqual({ members: [], keys: [] });
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
});
