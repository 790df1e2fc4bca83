import type { Recorded } from '../../events/envelope.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { evolveMember, initialMemberState, suspendedAt, type MemberOnLog, type MemberState } from './member.state.js';

const fold = (events: Recorded<MemberEvent>[]): MemberState => events.reduce(evolveMember, initialMemberState);
const registered: Recorded<MemberEvent> = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' }, position: 3 };

describe('evolveMember', () => {
  it('starts with no member', () => {
    expect(initialMemberState).toEqual({ status: 'none' });
  });

  it('registers an unverified member without keys or roles', () => {
    expect(fold([registered])).toEqual({
      status: 'registered',
      memberId: 'm-1',
      handle: 'ada',
      keys: {},
      verification: { kind: 'unverified' },
      roles: [],
      membership: { kind: 'active', suspension: { kind: 'none' } },
      retiredKeys: {},
      moderationActions: [],
    });
  });

  it('records the global position of the verification, which cuts electorates', () => {
    const state = fold([registered, { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-2', evidence: { kind: 'none' } }, position: 17 }]);
    expect(state).toMatchObject({ verification: { kind: 'verified', atPosition: 17, verifierId: 'm-2' } });
  });

  it('collects keys by key id and roles once each', () => {
    const state = fold([
      registered,
      { type: 'members.KeyRegistered', data: { memberId: 'm-1', keyId: 'k1', publicKey: 'P1' }, position: 4 },
      { type: 'members.KeyRegistered', data: { memberId: 'm-1', keyId: 'k2', publicKey: 'P2' }, position: 5 },
      { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'bootstrap' } }, position: 6 },
      { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'proposal', proposalId: 'p' } }, position: 7 },
    ]);
    expect(state).toMatchObject({ keys: { k1: 'P1', k2: 'P2' }, roles: ['verifier'] });
  });

  it('does not change the state it evolves from', () => {
    const before = fold([registered]);
    const snapshot = structuredClone(before);
    evolveMember(before, { type: 'members.KeyRegistered', data: { memberId: 'm-1', keyId: 'k1', publicKey: 'P1' }, position: 4 });
    expect(before).toEqual(snapshot);
  });

  it('ignores events before the registration', () => {
    expect(fold([{ type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-2', evidence: { kind: 'none' } }, position: 0 }])).toEqual({ status: 'none' });
  });

  describe('lifecycle', () => {
    const key = (keyId: string, position: number): Recorded<MemberEvent> => ({
      type: 'members.KeyRegistered',
      data: { memberId: 'm-1', keyId, publicKey: `P-${keyId}` },
      position,
    });
    const suspended = (actionId: string, until: string, position: number): Recorded<MemberEvent> => ({
      type: 'members.MemberSuspended',
      data: { memberId: 'm-1', until, actionId, reason: 'spam' },
      position,
    });
    const member = (events: Recorded<MemberEvent>[]): MemberOnLog => fold([registered, ...events]) as MemberOnLog;

    it('replaces a rotated key and remembers where it was retired', () => {
      const state = member([
        key('k1', 4),
        key('k2', 5),
        {
          type: 'members.KeyRotated',
          data: { memberId: 'm-1', oldKeyId: 'k1', newKeyId: 'k3', publicKey: 'P-k3', possession: 'sig', attestation: { kind: 'old-key' } },
          position: 9,
        },
      ]);
      expect(state.keys).toEqual({ k2: 'P-k2', k3: 'P-k3' });
      expect(state.retiredKeys).toEqual({ k1: { replacedBy: 'k3', atPosition: 9 } });
    });

    it('holds a suspension until its end, and no longer after it', () => {
      const state = member([suspended('a-1', '2030-02-01T00:00:00.000Z', 4)]);
      expect(state.membership).toEqual({ kind: 'active', suspension: { kind: 'suspended', until: '2030-02-01T00:00:00.000Z', actionId: 'a-1', reason: 'spam' } });
      expect(suspendedAt(state, new Date('2030-01-31T23:59:59.999Z'))).toMatchObject({ actionId: 'a-1' });
      expect(suspendedAt(state, new Date('2030-02-01T00:00:00.000Z'))).toBeNull();
    });

    it('lifts a suspension and remembers both moderation actions', () => {
      const state = member([suspended('a-1', '2030-02-01T00:00:00.000Z', 4), { type: 'members.MemberSuspensionLifted', data: { memberId: 'm-1', actionId: 'a-2' }, position: 5 }]);
      expect(state.membership).toEqual({ kind: 'active', suspension: { kind: 'none' } });
      expect(state.moderationActions).toEqual(['a-1', 'a-2']);
      expect(suspendedAt(state, new Date('2030-01-15T00:00:00.000Z'))).toBeNull();
    });

    it('leaves with no key and no role, keeping the handle', () => {
      const state = member([
        key('k1', 4),
        { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'bootstrap' } }, position: 5 },
        { type: 'members.MemberLeft', data: { memberId: 'm-1' }, position: 6 },
      ]);
      expect(state).toMatchObject({ handle: 'ada', keys: {}, roles: [], membership: { kind: 'left', atPosition: 6 } });
    });
  });
});
