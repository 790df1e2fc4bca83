import type { KeyRegistered } from '../../../events/members/member-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken, Unauthenticated } from '../../shared/domain-errors.js';
import { keyIdOf } from '../../shared/signed-act.js';
import { suspendedAt, type MemberState } from '../member.state.js';
import type { RegisterKey } from './register-key.command.js';

/** Enough for a phone, a laptop and a spare; a bound keeps a stolen session from flooding the log. */
export const MAX_KEYS_PER_MEMBER = 5;

export function decideRegisterKey(state: MemberState, command: RegisterKey): KeyRegistered[] {
  if (typeof command.publicKey !== 'string') throw new InvalidInput('publicKey', 'publicKey must be a string');
  const keyId = keyIdOf(command.publicKey);
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  // Registering a key is an act like any other: not after leaving, not while suspended.
  if (state.membership.kind === 'left') throw new Unauthenticated('member-left', `member ${command.memberId} has left the community and can no longer act`);
  const suspension = suspendedAt(state, command.meta.now);
  if (suspension) throw new Forbidden('member-suspended', `member ${command.memberId} is suspended until ${suspension.until} and cannot act until then`);
  // A key rotated out never comes back: acts after its retirement must not verify with it.
  if (Object.hasOwn(state.keys, keyId) || Object.hasOwn(state.retiredKeys, keyId)) throw new Conflict('key-exists', `key ${keyId} is or was already registered`);
  if (Object.keys(state.keys).length >= MAX_KEYS_PER_MEMBER) {
    throw new RuleBroken('too-many-keys', `a member may register at most ${MAX_KEYS_PER_MEMBER} keys`);
  }
  return [{ type: 'members.KeyRegistered', data: { memberId: command.memberId, keyId, publicKey: command.publicKey } }];
}
