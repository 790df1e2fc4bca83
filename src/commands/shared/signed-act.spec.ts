import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalBytes } from '../../events/canonical.js';
import { InvalidInput, Unauthenticated } from './domain-errors.js';
import {
  decodePublicKey,
  keyIdOf,
  publicKeyFromRaw,
  rawPublicKey,
  signAct,
  verifyAct,
  type ActCommand,
  type ExpectedAct,
  type SignedAct,
} from './signed-act.js';

const now = new Date('2030-05-01T12:00:00.000Z');
const alice = generateKeyPairSync('ed25519');
const mallory = generateKeyPairSync('ed25519');
const alicePublic = rawPublicKey(alice.publicKey);
const aliceKeyId = keyIdOf(alicePublic);
const aliceKeys = { [aliceKeyId]: alicePublic };

const castVote: ActCommand = {
  command: 'governance.CastVote',
  actor: 'member-alice',
  keyId: aliceKeyId,
  issuedAt: '2030-05-01T11:59:30.000Z',
  nonce: 'n-1',
  proposalId: 'proposal-1',
  choice: 'yes',
};
const expected: ExpectedAct = {
  command: 'governance.CastVote',
  actor: 'member-alice',
  fields: { proposalId: 'proposal-1', choice: 'yes' },
};

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Unauthenticated);
    return (error as Unauthenticated).code;
  }
  return undefined;
}

function resigned(command: Record<string, unknown>): SignedAct {
  return signAct(command as ActCommand, alice.privateKey);
}

describe('keys', () => {
  it('round-trips a raw public key through a key object', () => {
    expect(alicePublic).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rawPublicKey(publicKeyFromRaw(alicePublic))).toBe(alicePublic);
    expect(rawPublicKey(alice.privateKey)).toBe(alicePublic);
  });

  it('names a key by the first 12 bytes of the SHA-256 of its raw bytes', () => {
    const digest = createHash('sha256').update(Buffer.from(alicePublic, 'base64url')).digest();
    expect(keyIdOf(alicePublic)).toBe(digest.subarray(0, 12).toString('base64url'));
    expect(keyIdOf(alicePublic)).toHaveLength(16);
    expect(keyIdOf(rawPublicKey(mallory.publicKey))).not.toBe(aliceKeyId);
  });

  it.each([
    ['too short', alicePublic.slice(0, 42)],
    ['too long', `${alicePublic}A`],
    ['padded', `${alicePublic}=`],
    ['in the standard base64 alphabet', `+${alicePublic.slice(1)}`],
    ['empty', ''],
  ])('rejects a public key that is %s', (_label, key) => {
    expect(() => decodePublicKey(key)).toThrow(InvalidInput);
    expect(() => keyIdOf(key)).toThrow(InvalidInput);
  });

  it('rejects a non-canonical spelling of the last character', () => {
    // 32 bytes leave 2 spare bits in the last base64 character; only zero bits are canonical.
    const last = alicePublic.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) + 1];
    expect(() => decodePublicKey(alicePublic.slice(0, 42) + sibling)).toThrow(InvalidInput);
  });

  it('rejects a key object that is not Ed25519', () => {
    const { publicKey } = generateKeyPairSync('x25519');
    expect(() => rawPublicKey(publicKey)).toThrow(TypeError);
  });
});

describe('signAct', () => {
  it('signs the RFC 8785 canonical JSON of the command with Ed25519, base64url', () => {
    const act = signAct(castVote, alice.privateKey);
    expect(act.command).toEqual(castVote);
    const reordered = Object.fromEntries(Object.entries(castVote).reverse());
    expect(sign(null, canonicalBytes(reordered), alice.privateKey).toString('base64url')).toBe(act.signature);
    expect(Buffer.from(act.signature, 'base64url')).toHaveLength(64);
  });
});

describe('verifyAct', () => {
  const act = signAct(castVote, alice.privateKey);

  it('accepts a genuine act stating the request', () => {
    expect(() => verifyAct(act, expected, aliceKeys, now, 300)).not.toThrow();
  });

  it('accepts the fields in any order and in their JSON-equivalent form', () => {
    const opened = signAct(
      { ...castVote, command: 'governance.OpenProposal', closesAt: '2030-06-01T00:00:00.000Z', choice: undefined },
      alice.privateKey,
    );
    const request = {
      command: 'governance.OpenProposal',
      actor: 'member-alice',
      fields: { closesAt: new Date('2030-06-01T00:00:00.000Z'), proposalId: 'proposal-1' },
    };
    expect(() => verifyAct(opened, request, aliceKeys, now, 300)).not.toThrow();
  });

  describe('unknown-key', () => {
    it('refuses a key id that is not registered to the actor', () => {
      expect(codeOf(() => verifyAct(act, expected, {}, now, 300))).toBe('unknown-key');
    });

    it('refuses a key id registered to someone else', () => {
      const malloryPublic = rawPublicKey(mallory.publicKey);
      expect(codeOf(() => verifyAct(act, expected, { [keyIdOf(malloryPublic)]: malloryPublic }, now, 300))).toBe('unknown-key');
    });

    it('is not fooled by inherited property names', () => {
      const forged = resigned({ ...castVote, keyId: 'constructor' });
      expect(codeOf(() => verifyAct(forged, expected, aliceKeys, now, 300))).toBe('unknown-key');
    });
  });

  describe('bad-signature', () => {
    it('refuses an act signed by another key under the actor key id', () => {
      const forged = signAct(castVote, mallory.privateKey);
      expect(codeOf(() => verifyAct(forged, expected, aliceKeys, now, 300))).toBe('bad-signature');
    });

    it.each([
      ['the choice', { choice: 'no' }],
      ['the proposal', { proposalId: 'proposal-2' }],
      ['the actor', { actor: 'member-bob' }],
      ['the nonce', { nonce: 'n-2' }],
      ['the time', { issuedAt: '2030-05-01T11:59:31.000Z' }],
      ['an added field', { extra: true }],
    ])('refuses a signed command with %s tampered', (_label, change) => {
      const tampered: SignedAct = { ...act, command: { ...act.command, ...change } };
      expect(codeOf(() => verifyAct(tampered, { ...expected, ...pick(change) }, aliceKeys, now, 300))).toBe('bad-signature');
    });

    it('refuses a flipped bit in the signature', () => {
      const bytes = Buffer.from(act.signature, 'base64url');
      bytes[10] ^= 1;
      const tampered = { ...act, signature: bytes.toString('base64url') };
      expect(codeOf(() => verifyAct(tampered, expected, aliceKeys, now, 300))).toBe('bad-signature');
    });

    it.each([
      ['empty', ''],
      ['truncated', act.signature.slice(0, 80)],
      ['not base64url', `${act.signature.slice(0, 85)}+`],
    ])('refuses a signature that is %s', (_label, signature) => {
      expect(codeOf(() => verifyAct({ ...act, signature }, expected, aliceKeys, now, 300))).toBe('bad-signature');
    });
  });

  describe('act-mismatch', () => {
    it('refuses a genuine act for another choice than the request', () => {
      expect(codeOf(() => verifyAct(act, { ...expected, fields: { proposalId: 'proposal-1', choice: 'no' } }, aliceKeys, now, 300))).toBe(
        'act-mismatch',
      );
    });

    it('refuses a genuine act replayed against another proposal', () => {
      expect(codeOf(() => verifyAct(act, { ...expected, fields: { proposalId: 'proposal-2', choice: 'yes' } }, aliceKeys, now, 300))).toBe(
        'act-mismatch',
      );
    });

    it('refuses a genuine act of another command type', () => {
      expect(codeOf(() => verifyAct(act, { ...expected, command: 'governance.DraftProposal' }, aliceKeys, now, 300))).toBe('act-mismatch');
    });

    it('refuses a genuine act presented for another actor', () => {
      expect(codeOf(() => verifyAct(act, { ...expected, actor: 'member-bob' }, aliceKeys, now, 300))).toBe('act-mismatch');
    });

    it('refuses a genuine act that signs more fields than the request states', () => {
      const more = resigned({ ...castVote, comment: 'and more' });
      expect(codeOf(() => verifyAct(more, expected, aliceKeys, now, 300))).toBe('act-mismatch');
    });

    it('refuses a genuine act that signs fewer fields than the request states', () => {
      const { choice: _choice, ...fewer } = castVote;
      expect(codeOf(() => verifyAct(resigned(fewer), expected, aliceKeys, now, 300))).toBe('act-mismatch');
    });

    it.each(['nonce', 'issuedAt', 'keyId'])('refuses an act without %s', (field) => {
      const command: Record<string, unknown> = { ...castVote };
      delete command[field];
      expect(codeOf(() => verifyAct(resigned(command), expected, aliceKeys, now, 300))).toBe('act-mismatch');
    });

    it('refuses an issuedAt that is not an ISO 8601 instant', () => {
      const vague = resigned({ ...castVote, issuedAt: 'May 1, 2030' });
      expect(codeOf(() => verifyAct(vague, expected, aliceKeys, now, 300))).toBe('act-mismatch');
    });
  });

  describe('act-expired', () => {
    it.each([
      ['exactly the skew before now', '2030-05-01T11:55:00.000Z', undefined],
      ['exactly the skew after now', '2030-05-01T12:05:00.000Z', undefined],
      ['with an offset, within the skew', '2030-05-01T14:04:00.000+02:00', undefined],
      ['1 ms beyond the skew before now', '2030-05-01T11:54:59.999Z', 'act-expired'],
      ['1 ms beyond the skew after now', '2030-05-01T12:05:00.001Z', 'act-expired'],
      ['a day old', '2030-04-30T12:00:00.000Z', 'act-expired'],
    ])('issued %s: %s', (_label, issuedAt, code) => {
      expect(codeOf(() => verifyAct(resigned({ ...castVote, issuedAt }), expected, aliceKeys, now, 300))).toBe(code);
    });
  });
});

/** The request fields that a tampering changed, so the request matches the tampered act. */
function pick(change: Record<string, unknown>): Partial<ExpectedAct> {
  if ('actor' in change) return { actor: change.actor as string };
  const fields = { ...expected.fields };
  for (const [key, value] of Object.entries(change)) {
    if (key in fields || key === 'extra') fields[key] = value;
  }
  return { fields };
}
