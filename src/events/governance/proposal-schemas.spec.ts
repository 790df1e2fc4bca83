import { upcast } from '../registry.js';
import { PROPOSAL_SCHEMAS } from './proposal-schemas.js';

const rules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const valid = {
  'governance.ProposalDrafted': { proposalId: 'p-1', authorId: 'm-1', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null },
  'governance.ProposalOpened': {
    proposalId: 'p-1',
    openedBy: 'm-1',
    closesAt: '2030-06-01T00:00:00.000Z',
    rules,
    electorate: { asOfPosition: 41, size: 12 },
  },
  'governance.ProposalRevised': { proposalId: 'p-1', revisedBy: 'm-1', title: 'Fix the well soon', body: 'It leaks more.', rules, motion: { kind: 'general' }, topic: 'water' },
  'governance.ProposalSubmitted': { proposalId: 'p-1', submittedBy: 'm-1' },
  'governance.ProposalWithdrawn': { proposalId: 'p-1', withdrawnBy: 'm-1' },
  'governance.ProposalCancelled': { proposalId: 'p-1', cancelledBy: 'm-9', reason: 'Duplicate of the well proposal.' },
  'governance.VoteCast': { proposalId: 'p-1', voterId: 'm-2', choice: 'abstain', previousChoice: null },
  'governance.ProposalClosed': {
    proposalId: 'p-1',
    result: 'no-quorum',
    tally: { yes: 3, no: 0, abstain: 0 },
    direct: { yes: 1, no: 0, abstain: 0 },
    delegated: { yes: 2, no: 0, abstain: 0 },
    electorateSize: 12,
    delegationsAsOfPosition: 40,
  },
} satisfies Record<keyof typeof PROPOSAL_SCHEMAS, unknown>;

type Type = keyof typeof valid;
const validate = (type: Type, change: Record<string, unknown>): string[] => PROPOSAL_SCHEMAS[type].validate({ ...valid[type], ...change });

describe('proposal event schemas', () => {
  const VERSION_2: readonly string[] = ['governance.ProposalDrafted', 'governance.ProposalRevised', 'governance.ProposalClosed'];

  it.each(Object.entries(valid))('%s: accepts a well-formed event at its current version', (type, data) => {
    const schema = PROPOSAL_SCHEMAS[type as Type];
    expect(schema.schemaVersion).toBe(VERSION_2.includes(type) ? 2 : 1);
    expect(schema.validate(data)).toEqual([]);
  });

  describe('upcasting version 1', () => {
    it('reads an old draft and revision as a general proposal without a topic', () => {
      const v1 = { proposalId: 'p-1', authorId: 'm-1', title: 'Fix the well', body: '', rules };
      const current = upcast('governance.ProposalDrafted', 1, v1);
      expect(current).toEqual({ ...v1, motion: { kind: 'general' }, topic: null });
      expect(PROPOSAL_SCHEMAS['governance.ProposalDrafted'].validate(current)).toEqual([]);
      const revised = upcast('governance.ProposalRevised', 1, { proposalId: 'p-1', revisedBy: 'm-1', title: 'T', body: '', rules });
      expect(PROPOSAL_SCHEMAS['governance.ProposalRevised'].validate(revised)).toEqual([]);
    });

    it('reads an old close as all direct votes, no delegated weight and no delegation position', () => {
      const v1 = { proposalId: 'p-1', result: 'passed', tally: { yes: 2, no: 1, abstain: 0 }, electorateSize: 5 };
      const current = upcast('governance.ProposalClosed', 1, v1);
      expect(current).toEqual({ ...v1, direct: { yes: 2, no: 1, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, delegationsAsOfPosition: null });
      expect(PROPOSAL_SCHEMAS['governance.ProposalClosed'].validate(current)).toEqual([]);
    });
  });

  describe('motion and topic', () => {
    const drafted = (change: Record<string, unknown>) => validate('governance.ProposalDrafted', change);

    it('accepts role motions and a topic slug', () => {
      expect(drafted({ motion: { kind: 'grant-role', memberId: 'm-2', role: 'verifier' }, topic: 'public-space' })).toEqual([]);
      expect(drafted({ motion: { kind: 'no-confidence', memberId: 'm-2', role: 'steward' }, rules: { ...rules, thresholdBps: 6667 } })).toEqual([]);
    });

    it.each([
      [{ motion: { kind: 'dissolve' } }, /^motion.kind:/],
      [{ motion: { kind: 'general', memberId: 'm-2' } }, /^motion.memberId: unexpected/],
      [{ motion: { kind: 'revoke-role', memberId: 'm-2', role: 'king' } }, /^motion.role:/],
      [{ motion: { kind: 'grant-role', role: 'verifier' } }, /^motion.memberId: missing/],
      [{ motion: { kind: 'no-confidence', memberId: 'm-2', role: 'steward' } }, /^rules.thresholdBps: a no-confidence motion/],
      [{ topic: 'Public Space' }, /^topic:/],
      [{ topic: 'x'.repeat(41) }, /^topic:/],
    ])('refuses %j', (change, message) => {
      expect(drafted(change)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    });
  });

  it.each(Object.keys(valid))('%s: refuses a non-object, a missing field and an unexpected field', (type) => {
    const schema = PROPOSAL_SCHEMAS[type as Type];
    const { proposalId: _proposalId, ...missing } = valid[type as Type];
    expect(schema.validate('text')).toEqual(['data: must be an object']);
    expect(schema.validate(missing)).toContain('proposalId: missing');
    expect(schema.validate({ ...valid[type as Type], note: 1 })).toEqual(['note: unexpected field']);
  });

  describe('governance.ProposalDrafted', () => {
    it.each([
      ['', 'title'],
      [' padded ', 'title'],
      ['x'.repeat(201), 'title'],
    ])('refuses the title %p', (title) => {
      expect(validate('governance.ProposalDrafted', { title })).toEqual([expect.stringMatching(/^title:/)]);
    });

    it('counts characters as code points', () => {
      expect(validate('governance.ProposalDrafted', { title: '🌳'.repeat(200) })).toEqual([]);
      expect(validate('governance.ProposalDrafted', { body: '🌳'.repeat(20_000) })).toEqual([]);
      expect(validate('governance.ProposalDrafted', { body: 'x'.repeat(20_001) })).toEqual([expect.stringMatching(/^body:/)]);
    });

    it.each([
      [{ quorumBps: 10_001 }, 'rules.quorumBps'],
      [{ quorumBps: -1 }, 'rules.quorumBps'],
      [{ quorumBps: 0.5 }, 'rules.quorumBps'],
      [{ thresholdBps: 10_000 }, 'rules.thresholdBps'],
      [{ thresholdBps: '5000' }, 'rules.thresholdBps'],
      [{ allowVoteChange: 'yes' }, 'rules.allowVoteChange'],
      [{ method: 'ranked' }, 'rules.method'],
    ])('refuses the rules change %p', (change, field) => {
      expect(validate('governance.ProposalDrafted', { rules: { ...rules, ...change } })).toEqual([expect.stringMatching(new RegExp(`^${field}:`))]);
    });

    it('accepts the bounds of the rules', () => {
      expect(validate('governance.ProposalDrafted', { rules: { ...rules, quorumBps: 10_000, thresholdBps: 9_999 } })).toEqual([]);
      expect(validate('governance.ProposalDrafted', { rules: { ...rules, quorumBps: 0, thresholdBps: 0 } })).toEqual([]);
    });

    it('names nested missing and unexpected fields with their path', () => {
      const { allowVoteChange: _a, ...partial } = rules;
      expect(validate('governance.ProposalDrafted', { rules: { ...partial, secret: 1 } })).toEqual([
        'rules.allowVoteChange: missing',
        'rules.secret: unexpected field',
        'rules.allowVoteChange: must be a boolean',
      ]);
      expect(validate('governance.ProposalDrafted', { rules: null })).toEqual(['rules: must be an object']);
    });
  });

  describe('governance.ProposalRevised', () => {
    it('checks the title, body and rules as a draft does', () => {
      expect(validate('governance.ProposalRevised', { title: ' padded ' })).toEqual([expect.stringMatching(/^title:/)]);
      expect(validate('governance.ProposalRevised', { body: 'x'.repeat(20_001) })).toEqual([expect.stringMatching(/^body:/)]);
      expect(validate('governance.ProposalRevised', { rules: { ...rules, quorumBps: 10_001 } })).toEqual([expect.stringMatching(/^rules.quorumBps:/)]);
      expect(validate('governance.ProposalRevised', { revisedBy: '' })).toEqual([expect.stringMatching(/^revisedBy:/)]);
    });
  });

  describe('governance.ProposalSubmitted and governance.ProposalWithdrawn', () => {
    it('name who acted', () => {
      expect(validate('governance.ProposalSubmitted', { submittedBy: 7 })).toEqual([expect.stringMatching(/^submittedBy:/)]);
      expect(validate('governance.ProposalWithdrawn', { withdrawnBy: null })).toEqual([expect.stringMatching(/^withdrawnBy:/)]);
    });
  });

  describe('governance.ProposalCancelled', () => {
    it.each([['', 'empty'], [' padded ', 'padded'], ['x'.repeat(1_001), 'too long'], [42, 'not a string']])('refuses the reason %p (%s)', (reason, _label) => {
      expect(validate('governance.ProposalCancelled', { reason })).toEqual([expect.stringMatching(/^reason:/)]);
    });

    it('accepts a reason of 1,000 characters', () => {
      expect(validate('governance.ProposalCancelled', { reason: '🌳'.repeat(1_000) })).toEqual([]);
    });
  });

  describe('governance.ProposalOpened', () => {
    it.each(['2030-06-01', '2030-06-01T00:00:00Z', '2030-06-01T00:00:00.000+02:00', '2030-13-01T00:00:00.000Z'])(
      'refuses closesAt %p',
      (closesAt) => {
        expect(validate('governance.ProposalOpened', { closesAt })).toEqual([expect.stringMatching(/^closesAt:/)]);
      },
    );

    it('checks the electorate', () => {
      expect(validate('governance.ProposalOpened', { electorate: { asOfPosition: -1, size: 1.5 } })).toEqual([
        expect.stringMatching(/^electorate.asOfPosition:/),
        expect.stringMatching(/^electorate.size:/),
      ]);
      expect(validate('governance.ProposalOpened', { electorate: 3 })).toEqual(['electorate: must be an object']);
    });
  });

  describe('governance.VoteCast', () => {
    it('accepts a changed vote', () => {
      expect(validate('governance.VoteCast', { choice: 'no', previousChoice: 'yes' })).toEqual([]);
    });
    it('refuses an unknown choice or previous choice', () => {
      expect(validate('governance.VoteCast', { choice: 'maybe' })).toEqual([expect.stringMatching(/^choice:/)]);
      expect(validate('governance.VoteCast', { previousChoice: 'maybe' })).toEqual([expect.stringMatching(/^previousChoice:/)]);
      expect(validate('governance.VoteCast', { previousChoice: undefined })).toEqual([expect.stringMatching(/^previousChoice:/)]);
    });
  });

  describe('governance.ProposalClosed', () => {
    it('refuses an unknown result and a malformed tally', () => {
      expect(validate('governance.ProposalClosed', { result: 'tie' })).toEqual([expect.stringMatching(/^result:/)]);
      expect(validate('governance.ProposalClosed', { tally: { yes: -1, no: 0 } })).toEqual([
        'tally.abstain: missing',
        expect.stringMatching(/^tally.yes:/),
        expect.stringMatching(/^tally.abstain:/),
      ]);
    });

    it('refuses a tally that is not direct + delegated', () => {
      expect(validate('governance.ProposalClosed', { tally: { yes: 2, no: 0, abstain: 0 } })).toEqual(['tally: must be direct + delegated']);
    });
  });
});
