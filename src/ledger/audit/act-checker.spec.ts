import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { keyIdOf, rawPublicKey, signAct } from '../../commands/shared/signed-act.js';
import { canonicalBytes } from '../../events/canonical.js';
import { ActChecker, AuditMismatch } from './auditor.js';

const M = 'm-1';
const key = () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
};
type Key = ReturnType<typeof key>;

const entry = (type: string, data: object, act?: object): Buffer => Buffer.from(JSON.stringify({ type, data, ...(act ? { act } : {}) }), 'utf8');
const actBy = (k: Key, command: string, fields: object, actor = M) =>
  signAct({ command, actor, keyId: k.keyId, issuedAt: '2030-01-01T00:00:00Z', nonce: randomUUID(), ...fields }, k.privateKey);
const registered = (k: Key) => entry('members.KeyRegistered', { memberId: M, keyId: k.keyId, publicKey: k.publicKey }, actBy(k, 'members.RegisterKey', { publicKey: k.publicKey }));
const draft = (k: Key) => entry('governance.ProposalDrafted', { proposalId: 'p' }, actBy(k, 'governance.DraftProposal', { proposalId: 'p' }));
function rotated(signer: Key, next: Key, possessionKey: KeyObject = next.privateKey, attestation: object = { kind: 'old-key' }, actor = M): Buffer {
  const act = actBy(signer, 'members.RotateKey', { publicKey: next.publicKey }, actor);
  const possession = sign(null, canonicalBytes(act.command), possessionKey).toString('base64url');
  return entry('members.KeyRotated', { memberId: M, oldKeyId: signer.keyId, newKeyId: next.keyId, publicKey: next.publicKey, possession, attestation }, act);
}

describe('ActChecker across a key rotation', () => {
  it('verifies acts before the rotation with the old key and after it with the new key only', () => {
    const [old, next] = [key(), key()];
    const checker = new ActChecker();
    checker.check(0, registered(old));
    checker.check(1, draft(old));
    checker.check(2, rotated(old, next));
    checker.check(3, draft(next));
    expect(checker.checked).toBe(4);
    expect(() => checker.check(4, draft(old))).toThrow(AuditMismatch);
  });

  it('refuses a rotation whose new key did not sign the act', () => {
    const [old, next, impostor] = [key(), key(), key()];
    const checker = new ActChecker();
    checker.check(0, registered(old));
    expect(() => checker.check(1, rotated(old, next, impostor.privateKey))).toThrow(/proof of possession/);
  });

  it('forgets every key of a member who left', () => {
    const k = key();
    const checker = new ActChecker();
    checker.check(0, registered(k));
    checker.check(1, entry('members.MemberLeft', { memberId: M }, actBy(k, 'members.Leave', {})));
    expect(() => checker.check(2, draft(k))).toThrow(AuditMismatch);
  });
});
