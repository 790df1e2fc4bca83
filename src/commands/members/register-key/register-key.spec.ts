import { generateKeyPairSync } from 'node:crypto';
import { specFor } from '../../../../test/support/given-when-then.js';
import type { KeyRegistered, MemberEvent } from '../../../events/members/member-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken, Unauthenticated } from '../../shared/domain-errors.js';
import { keyIdOf, rawPublicKey } from '../../shared/signed-act.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { RegisterKey } from './register-key.command.js';
import { decideRegisterKey } from './register-key.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideRegisterKey });
const meta = { actor: 'm-1', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const newKey = (): string => rawPublicKey(generateKeyPairSync('ed25519').publicKey);
const registerKey = (publicKey: string): RegisterKey => ({ memberId: 'm-1', publicKey, meta });
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const keyRegistered = (publicKey: string): KeyRegistered => ({
  type: 'members.KeyRegistered',
  data: { memberId: 'm-1', keyId: keyIdOf(publicKey), publicKey },
});

describe('RegisterKey', () => {
  describe('no member', () => {
    it('refuses a key for a member who is not registered', () => {
      spec.given([]).when(registerKey(newKey())).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered', () => {
    it('registers the key under its key id', () => {
      const key = newKey();
      spec.given([registered]).when(registerKey(key)).then([keyRegistered(key)]);
    });

    it.each([
      ['empty', ''],
      ['31 bytes', Buffer.alloc(31, 7).toString('base64url')],
      ['33 bytes', Buffer.alloc(33, 7).toString('base64url')],
      ['standard base64 with padding', `${Buffer.alloc(32, 250).toString('base64')}`],
      ['hex', Buffer.alloc(32, 7).toString('hex')],
    ])('refuses a public key that is %s', (_label, publicKey) => {
      spec.given([registered]).when(registerKey(publicKey)).thenThrows(InvalidInput, 'invalid-input');
      expect(() => decideRegisterKey(initialMemberState, registerKey(publicKey))).toThrow(expect.objectContaining({ field: 'publicKey' }));
    });

    it('refuses the same key twice', () => {
      const key = newKey();
      spec.given([registered, keyRegistered(key)]).when(registerKey(key)).thenThrows(Conflict, 'key-exists');
    });

    it('accepts a fifth key', () => {
      const keys = [newKey(), newKey(), newKey(), newKey()];
      const fifth = newKey();
      spec.given([registered, ...keys.map(keyRegistered)]).when(registerKey(fifth)).then([keyRegistered(fifth)]);
    });

    it('refuses a sixth key', () => {
      const keys = [newKey(), newKey(), newKey(), newKey(), newKey()];
      spec.given([registered, ...keys.map(keyRegistered)]).when(registerKey(newKey())).thenThrows(RuleBroken, 'too-many-keys');
    });

    it('reports a known key as a duplicate even when the member has the most keys', () => {
      const keys = [newKey(), newKey(), newKey(), newKey(), newKey()];
      spec.given([registered, ...keys.map(keyRegistered)]).when(registerKey(keys[2])).thenThrows(Conflict, 'key-exists');
    });
  });

  describe('rotated', () => {
    it('refuses to register a key that was rotated out', () => {
      const [old, next] = [newKey(), newKey()];
      const rotated: MemberEvent = {
        type: 'members.KeyRotated',
        data: { memberId: 'm-1', oldKeyId: keyIdOf(old), newKeyId: keyIdOf(next), publicKey: next, possession: 'S'.repeat(86), attestation: { kind: 'old-key' } },
      };
      spec.given([registered, keyRegistered(old), rotated]).when(registerKey(old)).thenThrows(Conflict, 'key-exists');
    });
  });

  describe('suspended', () => {
    const suspended = (until: string): MemberEvent => ({ type: 'members.MemberSuspended', data: { memberId: 'm-1', until, actionId: 'a-1', reason: 'spam' } });

    it('refuses a key while the suspension runs', () => {
      spec.given([registered, suspended('2030-01-02T00:00:00.000Z')]).when(registerKey(newKey())).thenThrows(Forbidden, 'member-suspended');
    });

    it('registers a key once the suspension has ended', () => {
      const key = newKey();
      spec.given([registered, suspended('2030-01-01T00:00:00.000Z')]).when(registerKey(key)).then([keyRegistered(key)]);
    });
  });

  describe('left', () => {
    it('refuses a key for a member who left', () => {
      spec.given([registered, { type: 'members.MemberLeft', data: { memberId: 'm-1' } }]).when(registerKey(newKey())).thenThrows(Unauthenticated, 'member-left');
    });
  });
});
