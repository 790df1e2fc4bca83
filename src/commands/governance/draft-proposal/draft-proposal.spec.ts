import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules } from '../../../events/governance/proposal-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { DraftProposal } from './draft-proposal.command.js';
import { decideDraftProposal } from './draft-proposal.decide.js';

const spec = specFor<ProposalState, DraftProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideDraftProposal,
});
const meta = { actor: 'm-a', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const rules = { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: false };
const eventRules: ProposalRules = { method: 'yes-no-abstain', ...rules };
const draft = (change: Partial<DraftProposal> = {}): DraftProposal => ({
  proposalId: 'p-1',
  author,
  title: 'Fix the well',
  body: 'It leaks.',
  rules,
  target: null,
  meta,
  ...change,
});
const drafted: ProposalEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: 'It leaks.', rules: eventRules, motion: { kind: 'general' }, topic: null },
};
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: '2030-06-01T00:00:00.000Z', rules: eventRules, electorate: { asOfPosition: 5, size: 3 } },
};

function invalidField(command: DraftProposal): string | undefined {
  try {
    decideDraftProposal(initialProposalState, command);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).field;
  }
  return undefined;
}

describe('DraftProposal', () => {
  describe('no proposal', () => {
    it('drafts the proposal with the yes-no-abstain method', () => {
      spec.given([]).when(draft()).then([drafted]);
    });

    it('trims the title', () => {
      spec
        .given([])
        .when(draft({ title: '  Fix the well \n' }))
        .then([drafted]);
    });

    it.each([
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: ' \t ' }, 'title'],
      ['a title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
      ['a body of 20,001 characters', { body: 'x'.repeat(20_001) }, 'body'],
      ['a quorum above 100 %', { rules: { ...rules, quorumBps: 10_001 } }, 'rules.quorumBps'],
      ['a negative quorum', { rules: { ...rules, quorumBps: -1 } }, 'rules.quorumBps'],
      ['a fractional quorum', { rules: { ...rules, quorumBps: 33.3 } }, 'rules.quorumBps'],
      ['a threshold nobody can exceed', { rules: { ...rules, thresholdBps: 10_000 } }, 'rules.thresholdBps'],
      ['a negative threshold', { rules: { ...rules, thresholdBps: -1 } }, 'rules.thresholdBps'],
      ['a vote-change flag that is not a boolean', { rules: { ...rules, allowVoteChange: 'no' as never } }, 'rules.allowVoteChange'],
      ['no rules', { rules: null as never }, 'rules'],
    ])('refuses %s', (_label, change, field) => {
      expect(invalidField(draft(change))).toBe(field);
    });

    it('accepts the limits: 200-character title, 20,000-character body, empty body, extreme rules', () => {
      expect(invalidField(draft({ title: 'x'.repeat(200), body: 'x'.repeat(20_000) }))).toBeUndefined();
      expect(invalidField(draft({ title: '🌳'.repeat(200), body: '' }))).toBeUndefined();
      expect(invalidField(draft({ rules: { quorumBps: 10_000, thresholdBps: 9_999, allowVoteChange: true } }))).toBeUndefined();
      expect(invalidField(draft({ rules: { quorumBps: 0, thresholdBps: 0, allowVoteChange: true } }))).toBeUndefined();
    });

    it('refuses an unverified author', () => {
      spec
        .given([])
        .when(draft({ author: { ...author, verification: { kind: 'unverified' } } }))
        .thenThrows(RuleBroken, 'member-not-verified');
    });
  });

  describe('drafted', () => {
    it('refuses to draft the same proposal twice', () => {
      spec.given([drafted]).when(draft()).thenThrows(Conflict, 'proposal-exists');
    });
  });

  describe('open', () => {
    it('refuses to draft over an open proposal', () => {
      spec.given([drafted, submitted, opened]).when(draft()).thenThrows(Conflict, 'proposal-exists');
    });
  });

  describe('submitted, withdrawn or cancelled', () => {
    it.each([
      ['submitted', [drafted, submitted]],
      ['withdrawn', [drafted, { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } } as ProposalEvent]],
      ['cancelled', [drafted, { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Spam.' } } as ProposalEvent]],
    ])('refuses to draft over a %s proposal: its id stays taken', (_label, given) => {
      spec.given(given).when(draft()).thenThrows(Conflict, 'proposal-exists');
    });
  });
});

describe('DraftProposal with a motion', () => {
  const target = (roles: Voter['roles']) => ({ kind: 'member' as const, memberId: 'm-t', roles });
  const withMotion = (motion: unknown, roles: Voter['roles'] = [], change: Partial<DraftProposal> = {}): DraftProposal =>
    draft({ motion, target: { ...target(roles) }, ...change });
  const draftedWith = (motion: object, thresholdBps = 5000, topic: string | null = null): ProposalEvent => ({
    type: 'governance.ProposalDrafted',
    data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: 'It leaks.', rules: { ...eventRules, thresholdBps }, motion, topic } as never,
  });

  describe('no proposal', () => {
    it('drafts a grant-role motion for a member without the role', () => {
      const motion = { kind: 'grant-role', memberId: 'm-t', role: 'verifier' };
      spec.given([]).when(withMotion(motion, ['moderator'])).then([draftedWith(motion)]);
    });

    it('drafts a general proposal on a topic', () => {
      spec.given([]).when(draft({ topic: 'water' })).then([draftedWith({ kind: 'general' }, 5000, 'water')]);
    });

    it('drafts a no-confidence motion at two thirds', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      spec
        .given([])
        .when(withMotion(motion, ['steward'], { rules: { ...rules, thresholdBps: 6667 } }))
        .then([draftedWith(motion, 6667)]);
    });

    it('records two thirds for a no-confidence motion that states no threshold', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      spec
        .given([])
        .when(withMotion(motion, ['steward'], { rules: { quorumBps: 2000, allowVoteChange: false } }))
        .then([draftedWith(motion, 6667)]);
    });

    it('records a higher threshold a no-confidence motion states', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      spec
        .given([])
        .when(withMotion(motion, ['steward'], { rules: { ...rules, thresholdBps: 7500 } }))
        .then([draftedWith(motion, 7500)]);
    });

    it('refuses a no-confidence motion below two thirds', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      expect(invalidField(withMotion(motion, ['steward'], { rules: { ...rules, thresholdBps: 6666 } }))).toBe('rules.thresholdBps');
    });

    it('refuses a no-confidence motion whose threshold is null: only an absent one defaults', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      expect(invalidField(withMotion(motion, ['steward'], { rules: { ...rules, thresholdBps: null as never } }))).toBe('rules.thresholdBps');
    });

    it.each([
      ['a general proposal', undefined, []],
      ['a general motion', { kind: 'general' }, []],
      ['a grant-role motion', { kind: 'grant-role', memberId: 'm-t', role: 'verifier' }, []],
      ['a revoke-role motion', { kind: 'revoke-role', memberId: 'm-t', role: 'steward' }, ['steward']],
    ] as const)('refuses %s without a threshold, naming rules.thresholdBps', (_label, motion, roles) => {
      expect(invalidField(withMotion(motion, [...roles], { rules: { quorumBps: 2000, allowVoteChange: false } }))).toBe('rules.thresholdBps');
    });

    it('refuses to grant a role the member holds', () => {
      spec.given([]).when(withMotion({ kind: 'grant-role', memberId: 'm-t', role: 'verifier' }, ['verifier'])).thenThrows(RuleBroken, 'role-already-held');
    });

    it.each([['revoke-role'], ['no-confidence']])('refuses a %s motion against a role the member does not hold', (kind) => {
      spec
        .given([])
        .when(withMotion({ kind, memberId: 'm-t', role: 'steward' }, ['verifier'], { rules: { ...rules, thresholdBps: 7000 } }))
        .thenThrows(RuleBroken, 'role-not-held');
    });

    it('refuses a motion about someone who is not a member', () => {
      spec
        .given([])
        .when(draft({ motion: { kind: 'grant-role', memberId: 'm-t', role: 'verifier' }, target: { kind: 'no-member', memberId: 'm-t' } }))
        .thenThrows(NotFound, 'member-not-found');
    });

    it.each([
      [{ kind: 'dissolve' }, 'motion.kind'],
      [{ kind: 'grant-role', role: 'verifier' }, 'motion.memberId'],
      [{ kind: 'grant-role', memberId: 'm-t', role: 'king' }, 'motion.role'],
      ['grant', 'motion'],
    ])('refuses the motion %j, naming %s', (motion, field) => {
      expect(invalidField(withMotion(motion))).toBe(field);
    });

    it.each([['Water'], ['water supply'], ['-water'], ['x'.repeat(41)]])('refuses the topic %p', (topic) => {
      expect(invalidField(draft({ topic }))).toBe('topic');
    });
  });
});
