import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { InvalidInput, NotFound } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import { LiftSuspension } from './lift-suspension.command.js';
import { decideLiftSuspension } from './lift-suspension.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideLiftSuspension });
const at = (now: string) => ({ actor: 'm-arb', now: new Date(now), correlationId: 'c-1' });
const lift = (actionId = 'a-2', now = '2030-01-02T00:00:00.000Z'): LiftSuspension => new LiftSuspension('m-1', actionId, at(now));
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const suspended: MemberEvent = { type: 'members.MemberSuspended', data: { memberId: 'm-1', until: '2030-01-08T00:00:00.000Z', actionId: 'a-1', reason: 'spam' } };
const lifted: MemberEvent = { type: 'members.MemberSuspensionLifted', data: { memberId: 'm-1', actionId: 'a-2' } };

describe('LiftSuspension', () => {
  describe('no member', () => {
    it('refuses a member who is not registered', () => {
      spec.given([]).when(lift()).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered, not suspended', () => {
    it('does nothing: there is nothing to lift', () => {
      spec.given([registered]).when(lift()).then([]);
    });

    it('refuses an empty action id, naming it', () => {
      expect(() => decideLiftSuspension(spec.given([registered]).state, lift(''))).toThrow(expect.objectContaining({ field: 'actionId' }));
      spec.given([registered]).when(lift('')).thenThrows(InvalidInput, 'invalid-input');
    });
  });

  describe('suspended', () => {
    it('lifts a running suspension', () => {
      spec.given([registered, suspended]).when(lift()).then([lifted]);
    });

    it('does nothing once the suspension has ended by itself', () => {
      spec.given([registered, suspended]).when(lift('a-2', '2030-01-08T00:00:00.000Z')).then([]);
    });
  });

  describe('lifted', () => {
    it('does nothing when the same action arrives again', () => {
      spec.given([registered, suspended, lifted]).when(lift()).then([]);
    });
  });
});
