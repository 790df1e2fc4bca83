import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { Conflict, InvalidInput } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { RegisterMember } from './register-member.command.js';
import { decideRegisterMember } from './register-member.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideRegisterMember });
const meta = { actor: 'm-1', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const register = (handle: string): RegisterMember => ({ memberId: 'm-1', handle, meta });
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };

describe('RegisterMember', () => {
  describe('no member', () => {
    it('registers the member under the handle', () => {
      spec.given([]).when(register('ada_lovelace-1')).then([{ type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada_lovelace-1' } }]);
    });

    it.each(['abc', 'a'.repeat(32), 'z-_9'])('accepts the handle %p', (handle) => {
      spec.given([]).when(register(handle)).then([{ type: 'members.MemberRegistered', data: { memberId: 'm-1', handle } }]);
    });

    it.each(['ab', 'a'.repeat(33), '9lives', '_ada', 'Ada', 'ada lovelace', 'ada@home', 'adà', ''])('refuses the handle %p', (handle) => {
      spec.given([]).when(register(handle)).thenThrows(InvalidInput, 'invalid-input');
    });

    it('names the handle as the offending field', () => {
      expect(() => decideRegisterMember(initialMemberState, register('x'))).toThrow(expect.objectContaining({ field: 'handle' }));
    });
  });

  describe('registered', () => {
    it('refuses to register the member again', () => {
      spec.given([registered]).when(register('ada')).thenThrows(Conflict, 'member-exists');
    });
  });
});
