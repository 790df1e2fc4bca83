import { specFor } from '../../../../test/support/given-when-then.js';
import type { SignedAct } from '../../../events/envelope.js';
import type { ProposalEvent, ProposalRules } from '../../../events/governance/proposal-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { ReviseProposal } from './revise-proposal.command.js';
import { decideReviseProposal } from './revise-proposal.decide.js';

const spec = specFor<ProposalState, ReviseProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideReviseProposal,
});
const meta = { actor: 'm-a', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const steward: Voter = { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] };
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const newRules = { quorumBps: 3000, thresholdBps: 6000, allowVoteChange: false };
const revise = (change: Partial<ReviseProposal> = {}): ReviseProposal => ({
  proposalId: 'p-1',
  actor: author,
  title: 'Fix the well before summer',
  body: 'It leaks, and summer is dry.',
  rules: newRules,
  target: null,
  nonce: 'n-new',
  meta,
  ...change,
});
const drafted: ProposalEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: 'It leaks.', rules, motion: { kind: 'general' }, topic: null },
};
const revised = (title = 'Fix the well before summer'): ProposalEvent => ({
  type: 'governance.ProposalRevised',
  data: { proposalId: 'p-1', revisedBy: 'm-a', title, body: 'It leaks, and summer is dry.', rules: { method: 'yes-no-abstain', ...newRules }, motion: { kind: 'general' }, topic: null },
});
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: '2030-06-01T00:00:00.000Z', rules, electorate: { asOfPosition: 5, size: 3 } },
};
const closed: ProposalEvent = {
  type: 'governance.ProposalClosed',
  data: { proposalId: 'p-1', result: 'no-quorum', tally: { yes: 0, no: 0, abstain: 0 }, direct: { yes: 0, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null },
};
const withdrawn: ProposalEvent = { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } };
const cancelled: ProposalEvent = { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Spam.' } };
const signed = (event: ProposalEvent, nonce: string): ProposalEvent => {
  const act: SignedAct = { command: { command: 'governance.ReviseProposal', actor: 'm-a', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce }, signature: 'sig' };
  return Object.assign({ ...event }, { act });
};

describe('ReviseProposal', () => {
  describe('no proposal', () => {
    it('refuses to revise a proposal that does not exist', () => {
      spec.given([]).when(revise()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('records the new title, body and rules', () => {
      spec.given([drafted]).when(revise()).then([revised()]);
    });

    it('trims the title, as a draft does', () => {
      spec
        .given([drafted])
        .when(revise({ title: '  Fix the well before summer \n' }))
        .then([revised()]);
    });

    it('revises a draft again and again', () => {
      spec
        .given([drafted, revised('First'), revised('Second')])
        .when(revise())
        .then([revised()]);
    });

    it.each([
      ['a blank title', { title: '  ' }, 'title'],
      ['a title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
      ['a body of 20,001 characters', { body: 'x'.repeat(20_001) }, 'body'],
      ['a quorum above 100 %', { rules: { ...newRules, quorumBps: 10_001 } }, 'rules.quorumBps'],
      ['a threshold nobody can exceed', { rules: { ...newRules, thresholdBps: 10_000 } }, 'rules.thresholdBps'],
    ])('refuses %s', (_label, change, field) => {
      let thrown: unknown;
      try {
        decideReviseProposal(spec.given([drafted]).state, revise(change));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe(field);
    });

    it('records two thirds for a no-confidence motion that states no threshold', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-t', role: 'steward' };
      const target = { kind: 'member' as const, memberId: 'm-t', roles: ['steward' as const] };
      spec
        .given([drafted])
        .when(revise({ motion, target, rules: { quorumBps: 3000, allowVoteChange: false } }))
        .then([{ ...revised(), data: { ...revised().data, rules: { method: 'yes-no-abstain', ...newRules, thresholdBps: 6667 }, motion } } as ProposalEvent]);
    });

    it.each([
      ['a no-confidence motion below two thirds', { kind: 'no-confidence', memberId: 'm-t', role: 'steward' }, { ...newRules, thresholdBps: 6666 }],
      ['a general proposal without a threshold', undefined, { quorumBps: 3000, allowVoteChange: false }],
      ['a revoke-role motion without a threshold', { kind: 'revoke-role', memberId: 'm-t', role: 'steward' }, { quorumBps: 3000, allowVoteChange: false }],
    ])('refuses %s, naming rules.thresholdBps', (_label, motion, rulesStated) => {
      const target = { kind: 'member' as const, memberId: 'm-t', roles: ['steward' as const] };
      let thrown: unknown;
      try {
        decideReviseProposal(spec.given([drafted]).state, revise({ motion, target: motion ? target : null, rules: rulesStated }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe('rules.thresholdBps');
    });

    it.each([
      ['another member', { ...author, memberId: 'm-o' }],
      ['a steward', steward],
    ])('refuses %s: only the author revises', (_label, actor) => {
      spec.given([drafted]).when(revise({ actor })).thenThrows(Forbidden, 'not-author');
    });

    it('refuses an old revision replayed, which would undo a newer one', () => {
      spec
        .given([drafted, signed(revised('Old'), 'n-old'), revised('Newer')])
        .when(revise({ nonce: 'n-old' }))
        .thenThrows(Conflict, 'replayed-act');
    });
  });

  describe('submitted', () => {
    it('refuses to revise a submitted proposal', () => {
      spec.given([drafted, submitted]).when(revise()).thenThrows(RuleBroken, 'not-drafted');
    });
  });

  describe('open', () => {
    it('refuses to revise an open proposal', () => {
      spec.given([drafted, submitted, opened]).when(revise()).thenThrows(RuleBroken, 'not-drafted');
    });
  });

  describe('closed', () => {
    it('refuses to revise a closed proposal', () => {
      spec.given([drafted, submitted, opened, closed]).when(revise()).thenThrows(RuleBroken, 'not-drafted');
    });
  });

  describe('withdrawn', () => {
    it('refuses to revise a withdrawn proposal', () => {
      spec.given([drafted, withdrawn]).when(revise()).thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to revise a cancelled proposal', () => {
      spec.given([drafted, cancelled]).when(revise()).thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
