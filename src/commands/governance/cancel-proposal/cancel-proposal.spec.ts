import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules } from '../../../events/governance/proposal-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { CancelProposal } from './cancel-proposal.command.js';
import { decideCancelProposal } from './cancel-proposal.decide.js';

const spec = specFor<ProposalState, CancelProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideCancelProposal,
});
const closesAt = new Date('2030-06-01T00:00:00.000Z');
const now = new Date('2030-05-20T00:00:00.000Z');
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const steward: Voter = { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward', 'verifier'] };
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const REASON = 'It asks to evict a member, which no vote can decide.';
const cancel = (change: Partial<CancelProposal> = {}): CancelProposal => ({
  proposalId: 'p-1',
  actor: steward,
  reason: REASON,
  meta: { actor: 'm-s', now, correlationId: 'c-1' },
  ...change,
});
const drafted: ProposalEvent = { type: 'governance.ProposalDrafted', data: { proposalId: 'p-1', authorId: 'm-a', title: 'Evict Bob', body: '', rules, motion: { kind: 'general' }, topic: null } };
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: closesAt.toISOString(), rules, electorate: { asOfPosition: 5, size: 3 } },
};
const voted: ProposalEvent = { type: 'governance.VoteCast', data: { proposalId: 'p-1', voterId: 'm-1', choice: 'yes', previousChoice: null } };
const closed: ProposalEvent = { type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null } };
const withdrawn: ProposalEvent = { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } };
const cancelled = (reason = REASON): ProposalEvent => ({ type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason } });

describe('CancelProposal', () => {
  describe('no proposal', () => {
    it('refuses to cancel a proposal that does not exist', () => {
      spec.given([]).when(cancel()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('cancels a draft with the public reason', () => {
      spec.given([drafted]).when(cancel()).then([cancelled()]);
    });

    it('trims the reason', () => {
      spec
        .given([drafted])
        .when(cancel({ reason: `  ${REASON}\n` }))
        .then([cancelled()]);
    });

    it.each([
      ['an empty reason', ''],
      ['a blank reason', ' \t '],
      ['a reason of 1,001 characters', 'x'.repeat(1_001)],
    ])('refuses %s', (_label, reason) => {
      let thrown: unknown;
      try {
        decideCancelProposal(spec.given([drafted]).state, cancel({ reason }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe('reason');
    });

    it.each([
      ['the author', author],
      ['a verifier', { memberId: 'm-v', verification: { kind: 'verified', atPosition: 2 }, roles: ['verifier'] } satisfies Voter],
    ])('refuses %s, who is not a steward', (_label, actor) => {
      spec.given([drafted]).when(cancel({ actor })).thenThrows(Forbidden, 'not-steward');
    });
  });

  describe('submitted', () => {
    it('cancels a submitted proposal', () => {
      spec.given([drafted, submitted]).when(cancel()).then([cancelled()]);
    });
  });

  describe('open', () => {
    it('cancels an open proposal, votes or not', () => {
      spec.given([drafted, submitted, opened]).when(cancel()).then([cancelled()]);
      spec.given([drafted, submitted, opened, voted]).when(cancel()).then([cancelled()]);
    });

    it('refuses once the voting time is up: the result is already fixed', () => {
      spec
        .given([drafted, submitted, opened, voted])
        .when(cancel({ meta: { actor: 'm-s', now: closesAt, correlationId: 'c-1' } }))
        .thenThrows(RuleBroken, 'voting-ended');
    });

    it('refuses a non-steward', () => {
      spec.given([drafted, submitted, opened]).when(cancel({ actor: author })).thenThrows(Forbidden, 'not-steward');
    });
  });

  describe('closed', () => {
    it('refuses to cancel a closed proposal', () => {
      spec.given([drafted, submitted, opened, voted, closed]).when(cancel()).thenThrows(RuleBroken, 'proposal-closed');
    });
  });

  describe('withdrawn', () => {
    it('refuses to cancel a withdrawn proposal', () => {
      spec.given([drafted, withdrawn]).when(cancel()).thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to cancel twice', () => {
      spec.given([drafted, cancelled('First reason.')]).when(cancel()).thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
