import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent, Role } from '../../../events/members/member-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { VerifyMember } from './verify-member.command.js';
import { decideVerifyMember } from './verify-member.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideVerifyMember });
const meta = { actor: 'm-v', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const verify = (roles: Role[], verifierId = 'm-v'): VerifyMember => ({ memberId: 'm-1', verifier: { memberId: verifierId, roles }, meta });
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const verified: MemberEvent = { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-w' } };

describe('VerifyMember', () => {
  describe('no member', () => {
    it('refuses to verify a member who is not registered', () => {
      spec.given([]).when(verify(['verifier'])).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered, unverified', () => {
    it.each([[['verifier']], [['steward']], [['moderator', 'verifier']]] as Role[][][])('lets a member with roles %p verify', (roles) => {
      spec.given([registered]).when(verify(roles)).then([{ type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-v' } }]);
    });

    it.each([[[]], [['moderator', 'arbiter']]] as Role[][][])('refuses a verifier with roles %p', (roles) => {
      spec.given([registered]).when(verify(roles)).thenThrows(Forbidden, 'not-a-verifier');
    });

    it('refuses self-verification, even by a steward', () => {
      spec.given([registered]).when(verify(['steward', 'verifier'], 'm-1')).thenThrows(Forbidden, 'self-verification');
    });
  });

  describe('verified', () => {
    it('refuses to verify the member again', () => {
      spec.given([registered, verified]).when(verify(['verifier'])).thenThrows(RuleBroken, 'already-verified');
    });
  });
});
