import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { InvalidInput, NotFound } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import { SuspendMember } from './suspend-member.command.js';
import { decideSuspendMember } from './suspend-member.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideSuspendMember });
const meta = { actor: 'm-mod', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const UNTIL = '2030-01-08T00:00:00.000Z';
const suspend = (actionId = 'a-1', until = UNTIL, reason = 'repeated spam'): SuspendMember => new SuspendMember('m-1', until, actionId, reason, meta);
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const suspended = (actionId = 'a-1', until = UNTIL): MemberEvent => ({ type: 'members.MemberSuspended', data: { memberId: 'm-1', until, actionId, reason: 'repeated spam' } });

describe('SuspendMember', () => {
  describe('no member', () => {
    it('refuses to suspend a member who is not registered', () => {
      spec.given([]).when(suspend()).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered', () => {
    it('suspends until the given instant, normalised to UTC', () => {
      spec.given([registered]).when(suspend('a-1', '2030-01-08T02:00:00+02:00')).then([suspended('a-1', UNTIL)]);
    });

    it.each([
      ['until', suspend('a-1', 'next week')],
      ['until', suspend('a-1', '2030-01-08')],
      ['until', suspend('a-1', '2029-12-31T23:59:59.000Z')],
      ['until', suspend('a-1', '2030-01-01T00:00:00.000Z')],
      ['actionId', suspend('')],
      ['reason', suspend('a-1', UNTIL, '  ')],
      ['reason', suspend('a-1', UNTIL, 'x'.repeat(501))],
    ])('refuses a bad %s, naming it', (field, command) => {
      spec.given([registered]).when(command).thenThrows(InvalidInput, 'invalid-input');
      expect(() => decideSuspendMember(spec.given([registered]).state, command)).toThrow(expect.objectContaining({ field }));
    });
  });

  describe('suspended', () => {
    it('does nothing when the same moderation action arrives again', () => {
      spec.given([registered, suspended('a-1')]).when(suspend('a-1')).then([]);
    });

    it('replaces the suspension by a later action', () => {
      spec.given([registered, suspended('a-1')]).when(suspend('a-2', '2030-02-01T00:00:00.000Z')).then([suspended('a-2', '2030-02-01T00:00:00.000Z')]);
    });
  });

  describe('left', () => {
    it('does nothing for a member who left: they cannot act anyway', () => {
      spec.given([registered, { type: 'members.MemberLeft', data: { memberId: 'm-1' } }]).when(suspend()).then([]);
    });
  });
});
