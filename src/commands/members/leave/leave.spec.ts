import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { Leave } from './leave.command.js';
import { decideLeave } from './leave.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideLeave });
const leave: Leave = { memberId: 'm-1', meta: { actor: 'm-1', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' } };
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const left: MemberEvent = { type: 'members.MemberLeft', data: { memberId: 'm-1' } };

describe('Leave', () => {
  describe('no member', () => {
    it('refuses a member who is not registered', () => {
      spec.given([]).when(leave).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered', () => {
    it('records that the member left', () => {
      spec.given([registered]).when(leave).then([left]);
    });
  });

  describe('suspended', () => {
    it('still lets the member leave', () => {
      const suspended: MemberEvent = { type: 'members.MemberSuspended', data: { memberId: 'm-1', until: '2030-02-01T00:00:00.000Z', actionId: 'a-1', reason: 'spam' } };
      spec.given([registered, suspended]).when(leave).then([left]);
    });
  });

  describe('left', () => {
    it('appends nothing the second time', () => {
      spec.given([registered, left]).when(leave).then([]);
    });
  });
});
