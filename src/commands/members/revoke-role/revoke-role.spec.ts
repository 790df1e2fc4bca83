import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState, type MemberState } from '../member.state.js';
import type { RevokeRole } from './revoke-role.command.js';
import { decideRevokeRole } from './revoke-role.decide.js';

const spec = specFor<MemberState, RevokeRole, MemberEvent>({ initialState: initialMemberState, evolve: evolveMember, decide: decideRevokeRole });
const revoke: RevokeRole = { memberId: 'm-1', role: 'steward', revocation: { kind: 'proposal', proposalId: 'p-9' } };
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const steward: MemberEvent = { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'steward', grant: { kind: 'bootstrap' } } };
const verifier: MemberEvent = { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'bootstrap' } } };
const revoked: MemberEvent = { type: 'members.RoleRevoked', data: { memberId: 'm-1', role: 'steward', revocation: { kind: 'proposal', proposalId: 'p-9' } } };

describe('RevokeRole', () => {
  describe('no member', () => {
    it('refuses a member who is not registered', () => {
      spec.given([]).when(revoke).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('holding the role', () => {
    it('revokes it, citing the proposal, and keeps the other roles', () => {
      spec.given([registered, steward, verifier]).when(revoke).then([revoked]);
      expect(spec.given([registered, steward, verifier, revoked]).state).toMatchObject({ roles: ['verifier'] });
    });
  });

  describe('without the role', () => {
    it('changes nothing when the role was never held', () => {
      spec.given([registered, verifier]).when(revoke).then([]);
    });

    it('changes nothing when the role was already revoked: one revocation however often it is processed', () => {
      spec.given([registered, steward, revoked]).when(revoke).then([]);
    });
  });
});
