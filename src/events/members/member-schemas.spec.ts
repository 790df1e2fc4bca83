import { MEMBER_SCHEMAS } from './member-schemas.js';

const publicKey = 'A'.repeat(42) + 'E';
const valid = {
  'members.MemberRegistered': { memberId: 'm-1', handle: 'ada_l-1' },
  'members.KeyRegistered': { memberId: 'm-1', keyId: 'abcdefghijklmn-_', publicKey },
  'members.MemberVerified': { memberId: 'm-1', verifierId: 'system' },
  'members.RoleGranted': { memberId: 'm-1', role: 'steward', grant: { kind: 'bootstrap' } },
} satisfies Record<keyof typeof MEMBER_SCHEMAS, unknown>;

describe('member event schemas', () => {
  it.each(Object.entries(valid))('%s: accepts a well-formed event at version 1', (type, data) => {
    const schema = MEMBER_SCHEMAS[type as keyof typeof MEMBER_SCHEMAS];
    expect(schema.schemaVersion).toBe(1);
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
      [{ kind: 'coup' }, 'grant.kind: must be bootstrap or proposal'],
      [{ kind: 'proposal' }, 'grant.proposalId: missing'],
      [{ kind: 'bootstrap', proposalId: 'p-1' }, 'grant.proposalId: unexpected field'],
    ])('refuses the grant %p', (grant, problem) => {
      expect(validate({ ...base, grant })).toContain(problem);
    });
  });
});
