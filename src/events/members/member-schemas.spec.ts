import { MEMBER_SCHEMAS } from './member-schemas.js';

const publicKey = 'A'.repeat(42) + 'E';
const valid = {
  'members.MemberRegistered': { memberId: 'm-1', handle: 'ada_l-1' },
  'members.KeyRegistered': { memberId: 'm-1', keyId: 'abcdefghijklmn-_', publicKey },
  'members.MemberVerified': { memberId: 'm-1', verifierId: 'system', evidence: { kind: 'none' } },
  'members.KeyRotated': {
    memberId: 'm-1',
    oldKeyId: 'abcdefghijklmn-_',
    newKeyId: 'ABCDEFGHIJKLMN-_',
    publicKey,
    possession: 'A'.repeat(86),
    attestation: { kind: 'old-key' },
  },
  'members.MemberSuspended': { memberId: 'm-1', until: '2030-02-01T00:00:00.000Z', actionId: 'a-1', reason: 'repeated spam' },
  'members.MemberSuspensionLifted': { memberId: 'm-1', actionId: 'a-2' },
  'members.MemberLeft': { memberId: 'm-1' },
  'members.RoleGranted': { memberId: 'm-1', role: 'steward', grant: { kind: 'bootstrap' } },
  'members.RoleRevoked': { memberId: 'm-1', role: 'verifier', revocation: { kind: 'proposal', proposalId: 'p-1' } },
} satisfies Record<keyof typeof MEMBER_SCHEMAS, unknown>;

describe('member event schemas', () => {
  it.each(Object.entries(valid))('%s: accepts a well-formed event at its current version', (type, data) => {
    const schema = MEMBER_SCHEMAS[type as keyof typeof MEMBER_SCHEMAS];
    expect(schema.schemaVersion).toBe(type === 'members.MemberVerified' ? 2 : 1);
    expect(schema.validate(data)).toEqual([]);
  });

  it.each(Object.keys(valid))('%s: refuses a non-object, a missing field and an unexpected field', (type) => {
    const schema = MEMBER_SCHEMAS[type as keyof typeof MEMBER_SCHEMAS];
    const data = valid[type as keyof typeof valid] as Record<string, unknown>;
    expect(schema.validate(null)).toEqual(['data: must be an object']);
    expect(schema.validate([data])).toEqual(['data: must be an object']);
    const { memberId: _memberId, ...missing } = data;
    expect(schema.validate(missing)).toContain('memberId: missing');
    expect(schema.validate({ ...data, email: 'ada@example.org' })).toEqual(['email: unexpected field']);
  });

  describe('members.MemberRegistered', () => {
    const { validate } = MEMBER_SCHEMAS['members.MemberRegistered'];
    it.each(['ab', 'a'.repeat(33), '1abc', 'Ada', 'ada lovelace', 'ada.l'])('refuses the handle %p', (handle) => {
      expect(validate({ memberId: 'm-1', handle })).toEqual([expect.stringMatching(/^handle:/)]);
    });
    it.each(['abc', 'a'.repeat(32), 'a-_0'])('accepts the handle %p', (handle) => {
      expect(validate({ memberId: 'm-1', handle })).toEqual([]);
    });
    it('refuses an empty or overlong id', () => {
      expect(validate({ memberId: '', handle: 'ada' })).toEqual([expect.stringMatching(/^memberId:/)]);
      expect(validate({ memberId: 'x'.repeat(129), handle: 'ada' })).toEqual([expect.stringMatching(/^memberId:/)]);
    });
  });

  describe('members.KeyRegistered', () => {
    const { validate } = MEMBER_SCHEMAS['members.KeyRegistered'];
    it.each([
      ['43 characters with a non-canonical last one', 'A'.repeat(42) + 'B'],
      ['too short', 'A'.repeat(42)],
      ['padded', `${publicKey}=`],
      ['standard base64', 'A'.repeat(41) + '+E'],
    ])('refuses a public key that is %s', (_label, key) => {
      expect(validate({ ...valid['members.KeyRegistered'], publicKey: key })).toEqual([expect.stringMatching(/^publicKey:/)]);
    });
    it('refuses a key id that is not 12 bytes of base64url', () => {
      expect(validate({ ...valid['members.KeyRegistered'], keyId: 'short' })).toEqual([expect.stringMatching(/^keyId:/)]);
    });
  });

  describe('members.RoleRevoked', () => {
    const { validate } = MEMBER_SCHEMAS['members.RoleRevoked'];
    const base = valid['members.RoleRevoked'];

    it('refuses an unknown role and a revocation that names no proposal', () => {
      expect(validate({ ...base, role: 'king' })).toEqual([expect.stringMatching(/^role:/)]);
      expect(validate({ ...base, revocation: { kind: 'whim' } })).toEqual(['revocation.kind: must be proposal']);
      expect(validate({ ...base, revocation: { kind: 'proposal' } })).toEqual(['revocation.proposalId: missing', expect.stringMatching(/^revocation.proposalId:/)]);
    });

    it('accepts a role granted by an election', () => {
      expect(MEMBER_SCHEMAS['members.RoleGranted'].validate({ memberId: 'm-1', role: 'arbiter', grant: { kind: 'election', electionId: 'e-1' } })).toEqual([]);
    });
  });

  describe('members.RoleGranted', () => {
    const { validate } = MEMBER_SCHEMAS['members.RoleGranted'];
    const base = valid['members.RoleGranted'];
    it('accepts a grant by proposal', () => {
      expect(validate({ ...base, role: 'moderator', grant: { kind: 'proposal', proposalId: 'p-1' } })).toEqual([]);
    });
    it('refuses an unknown role', () => {
      expect(validate({ ...base, role: 'king' })).toEqual([expect.stringMatching(/^role:/)]);
    });
    it.each([
      [null, 'grant: must be an object'],
      [{ kind: 'coup' }, 'grant.kind: must be bootstrap, proposal or election'],
      [{ kind: 'proposal' }, 'grant.proposalId: missing'],
      [{ kind: 'bootstrap', proposalId: 'p-1' }, 'grant.proposalId: unexpected field'],
    ])('refuses the grant %p', (grant, problem) => {
      expect(validate({ ...base, grant })).toContain(problem);
    });
  });

  describe('members.MemberVerified', () => {
    const { validate, upcasters } = MEMBER_SCHEMAS['members.MemberVerified'];
    const base = { memberId: 'm-1', verifierId: 'm-2' };
    const commitment = 'a'.repeat(64);
    it('accepts a committed evidence', () => {
      expect(validate({ ...base, evidence: { kind: 'committed', method: 'vouching', commitment } })).toEqual([]);
    });
    it.each([
      [{ kind: 'committed', method: 'rumour', commitment }, 'evidence.method: must be one of in-person, document, vouching'],
      [{ kind: 'committed', method: 'document', commitment: 'A'.repeat(64) }, 'evidence.commitment: must be 64 lowercase hex digits (SHA-256)'],
      [{ kind: 'committed', method: 'document' }, 'evidence.commitment: missing'],
      [{ kind: 'committed', method: 'document', commitment, description: 'passport' }, 'evidence.description: unexpected field'],
      [{ kind: 'none', method: 'document' }, 'evidence.method: unexpected field'],
      [{ kind: 'maybe' }, 'evidence.kind: must be committed or none'],
    ])('refuses the evidence %p', (evidence, problem) => {
      expect(validate({ ...base, evidence })).toContain(problem);
    });
    it('upcasts a version 1 event (no commitment) to evidence of kind none', () => {
      const upcast = upcasters[1]!(base);
      expect(upcast).toEqual({ ...base, evidence: { kind: 'none' } });
      expect(validate(upcast)).toEqual([]);
    });
  });

  describe('members.KeyRotated', () => {
    const { validate } = MEMBER_SCHEMAS['members.KeyRotated'];
    const base = valid['members.KeyRotated'];
    it('accepts an attestation by a verifier', () => {
      expect(validate({ ...base, attestation: { kind: 'verifier', verifierId: 'm-v' } })).toEqual([]);
    });
    it.each([
      [{ kind: 'verifier' }, 'attestation.verifierId: missing'],
      [{ kind: 'old-key', verifierId: 'm-v' }, 'attestation.verifierId: unexpected field'],
      [{ kind: 'server' }, 'attestation.kind: must be old-key or verifier'],
    ])('refuses the attestation %p', (attestation, problem) => {
      expect(validate({ ...base, attestation })).toContain(problem);
    });
    it('refuses a possession proof that is not a signature', () => {
      expect(validate({ ...base, possession: 'short' })).toEqual([expect.stringMatching(/^possession:/)]);
    });
  });

  describe('members.MemberSuspended', () => {
    const { validate } = MEMBER_SCHEMAS['members.MemberSuspended'];
    const base = valid['members.MemberSuspended'];
    it.each(['2030-02-01', 'tomorrow', '2030-02-01T00:00:00'])('refuses the end %p', (until) => {
      expect(validate({ ...base, until })).toEqual([expect.stringMatching(/^until:/)]);
    });
    it.each(['', '   ', 'x'.repeat(501)])('refuses the reason %p', (reason) => {
      expect(validate({ ...base, reason })).toEqual([expect.stringMatching(/^reason:/)]);
    });
  });
});
