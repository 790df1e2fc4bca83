import { generateKeyPairSync } from 'node:crypto';
import { specFor } from '../../../../test/support/given-when-then.js';
import type { KeyRegistered, KeyRotated, MemberEvent, Role } from '../../../events/members/member-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { keyIdOf, rawPublicKey } from '../../shared/signed-act.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { RotateKey } from './rotate-key.command.js';
import { decideRotateKey } from './rotate-key.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideRotateKey });
const meta = { actor: 'm-1', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const newKey = (): string => rawPublicKey(generateKeyPairSync('ed25519').publicKey);
const possession = 'S'.repeat(86);
const oldKey = newKey();
const oldKeyId = keyIdOf(oldKey);
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const keyRegistered: KeyRegistered = { type: 'members.KeyRegistered', data: { memberId: 'm-1', keyId: oldKeyId, publicKey: oldKey } };
const byOldKey = (publicKey: string, from = oldKeyId): RotateKey => ({ memberId: 'm-1', oldKeyId: from, publicKey, possession, attestation: { kind: 'old-key' }, meta });
const byVerifier = (publicKey: string, roles: Role[], verifierId = 'm-v'): RotateKey => ({
  ...byOldKey(publicKey),
  attestation: { kind: 'verifier', verifierId, roles },
  meta: { ...meta, actor: verifierId },
});
const rotated = (publicKey: string, attestation: KeyRotated['data']['attestation'] = { kind: 'old-key' }, from = oldKeyId): KeyRotated => ({
  type: 'members.KeyRotated',
  data: { memberId: 'm-1', oldKeyId: from, newKeyId: keyIdOf(publicKey), publicKey, possession, attestation },
});

describe('RotateKey', () => {
  describe('no member', () => {
    it('refuses to rotate a key of a member who is not registered', () => {
      spec.given([]).when(byOldKey(newKey())).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered, holding a key', () => {
    it('replaces the old key by the new one, vouched for by the old key', () => {
      const key = newKey();
      spec.given([registered, keyRegistered]).when(byOldKey(key)).then([rotated(key)]);
    });

    it.each([[['verifier']], [['steward']]] as Role[][][])('replaces a lost key on the word of a member with roles %p', (roles) => {
      const key = newKey();
      spec.given([registered, keyRegistered]).when(byVerifier(key, roles)).then([rotated(key, { kind: 'verifier', verifierId: 'm-v' })]);
    });

    it('refuses an attestation by a member who is not a verifier', () => {
      spec.given([registered, keyRegistered]).when(byVerifier(newKey(), ['moderator'])).thenThrows(Forbidden, 'not-a-verifier');
    });

    it('refuses a verifier attesting their own rotation', () => {
      spec.given([registered, keyRegistered]).when(byVerifier(newKey(), ['verifier'], 'm-1')).thenThrows(Forbidden, 'self-attestation');
    });

    it('refuses an old key the member never registered', () => {
      spec.given([registered, keyRegistered]).when(byOldKey(newKey(), 'AAAAAAAAAAAAAAAA')).thenThrows(NotFound, 'key-not-found');
    });

    it('refuses a new key that is already registered', () => {
      spec.given([registered, keyRegistered]).when(byOldKey(oldKey)).thenThrows(Conflict, 'key-exists');
    });

    it('refuses a public key that is not a raw 32-byte key, naming the field', () => {
      expect(() => decideRotateKey(spec.given([registered, keyRegistered]).state, byOldKey('abc'))).toThrow(expect.objectContaining({ field: 'publicKey' }));
      spec.given([registered, keyRegistered]).when(byOldKey('abc')).thenThrows(InvalidInput, 'invalid-input');
    });
  });

  describe('rotated', () => {
    const second = newKey();

    it('refuses to rotate the retired key again', () => {
      spec.given([registered, keyRegistered, rotated(second)]).when(byOldKey(newKey())).thenThrows(Conflict, 'key-rotated');
    });

    it('refuses to bring a retired key back', () => {
      spec.given([registered, keyRegistered, rotated(second)]).when(byOldKey(oldKey, keyIdOf(second))).thenThrows(Conflict, 'key-exists');
    });

    it('rotates the new key in turn', () => {
      const third = newKey();
      spec.given([registered, keyRegistered, rotated(second)]).when(byOldKey(third, keyIdOf(second))).then([rotated(third, { kind: 'old-key' }, keyIdOf(second))]);
    });
  });

  describe('left', () => {
    it('refuses a rotation for a member who left', () => {
      spec.given([registered, keyRegistered, { type: 'members.MemberLeft', data: { memberId: 'm-1' } }]).when(byVerifier(newKey(), ['verifier'])).thenThrows(RuleBroken, 'member-left');
    });
  });
});
