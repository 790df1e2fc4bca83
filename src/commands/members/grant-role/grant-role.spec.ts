import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState, type MemberState } from '../member.state.js';
import type { GrantRole } from './grant-role.command.js';
import { decideGrantRole } from './grant-role.decide.js';

const spec = specFor<MemberState, GrantRole, MemberEvent>({ initialState: initialMemberState, evolve: evolveMember, decide: decideGrantRole });
const grant: GrantRole = { memberId: 'm-1', role: 'verifier', grant: { kind: 'proposal', proposalId: 'p-1' } };
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const granted: MemberEvent = { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'proposal', proposalId: 'p-1' } } };
const revoked: MemberEvent = { type: 'members.RoleRevoked', data: { memberId: 'm-1', role: 'verifier', revocation: { kind: 'proposal', proposalId: 'p-2' } } };

describe('GrantRole', () => {
  describe('no member', () => {
    it('refuses a member who is not registered', () => {
      spec.given([]).when(grant).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered without the role', () => {
    it('grants the role, citing the proposal', () => {
      spec.given([registered]).when(grant).then([granted]);
    });

    it('grants the role to an election winner, citing the election', () => {
      const byElection: GrantRole = { ...grant, role: 'arbiter', grant: { kind: 'election', electionId: 'e-1' } };
      spec.given([registered]).when(byElection).then([{ type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'arbiter', grant: { kind: 'election', electionId: 'e-1' } } }]);
    });

    it('grants a role again after it was revoked', () => {
      spec.given([registered, granted, revoked]).when(grant).then([granted]);
    });
  });

  describe('holding the role', () => {
    it('changes nothing: the consequence is already done', () => {
      spec.given([registered, granted]).when(grant).then([]);
    });
  });
});
