import type { KeyRotated, Role } from '../../../events/members/member-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { keyIdOf } from '../../shared/signed-act.js';
import type { MemberState } from '../member.state.js';
import type { RotateKey } from './rotate-key.command.js';

const MAY_ATTEST: readonly Role[] = ['verifier', 'steward'];

export function decideRotateKey(state: MemberState, command: RotateKey): KeyRotated[] {
  if (typeof command.publicKey !== 'string') throw new InvalidInput('publicKey', 'publicKey must be a string');
  const newKeyId = keyIdOf(command.publicKey);
  const { attestation } = command;
  if (attestation.kind === 'verifier') {
    if (!attestation.roles.some((role) => MAY_ATTEST.includes(role))) {
      throw new Forbidden('not-a-verifier', 'only a verifier or a steward may attest a key rotation');
    }
    // A lost key is replaced on someone else's word, never on one's own.
    if (attestation.verifierId === command.memberId) throw new Forbidden('self-attestation', 'nobody attests their own key rotation');
  }
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (state.membership.kind === 'left') throw new RuleBroken('member-left', `member ${command.memberId} has left the community`);
  if (!Object.hasOwn(state.keys, command.oldKeyId)) {
    throw Object.hasOwn(state.retiredKeys, command.oldKeyId)
      ? new Conflict('key-rotated', `key ${command.oldKeyId} was already rotated out`)
      : new NotFound('key', command.oldKeyId);
  }
  // A key id once used stays bound to its history: a retired key never comes back.
  if (Object.hasOwn(state.keys, newKeyId) || Object.hasOwn(state.retiredKeys, newKeyId)) {
    throw new Conflict('key-exists', `key ${newKeyId} is or was already registered`);
  }
  return [
    {
      type: 'members.KeyRotated',
      data: {
        memberId: command.memberId,
        oldKeyId: command.oldKeyId,
        newKeyId,
        publicKey: command.publicKey,
        possession: command.possession,
        attestation: attestation.kind === 'old-key' ? { kind: 'old-key' } : { kind: 'verifier', verifierId: attestation.verifierId },
      },
    },
  ];
}
