import type { Recorded } from '../../events/envelope.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { evolveMember, initialMemberState, type MemberState } from './member.state.js';

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
    });
  });

  it('records the global position of the verification, which cuts electorates', () => {
    const state = fold([registered, { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-2' }, position: 17 }]);
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
    expect(fold([{ type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-2' }, position: 0 }])).toEqual({ status: 'none' });
  });
});
