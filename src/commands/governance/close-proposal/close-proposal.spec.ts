import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules, VoteChoice } from '../../../events/governance/proposal-events.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { CloseProposal } from './close-proposal.command.js';
import { decideCloseProposal } from './close-proposal.decide.js';

const spec = specFor<ProposalState, CloseProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideCloseProposal,
});
const closesAt = new Date('2030-05-08T00:00:00.000Z');
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true };
const close = (now = closesAt): CloseProposal => ({ proposalId: 'p-1', meta: { actor: 'system', now, correlationId: 'c-1' } });
const drafted: ProposalEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules },
};
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: closesAt.toISOString(), rules, electorate: { asOfPosition: 40, size: 4 } },
};
const vote = (voterId: string, choice: VoteChoice, previousChoice: VoteChoice | null = null): ProposalEvent => ({
  type: 'governance.VoteCast',
  data: { proposalId: 'p-1', voterId, choice, previousChoice },
});
const closedWith = (result: 'passed' | 'rejected' | 'no-quorum', yes: number, no: number, abstain: number): ProposalEvent => ({
  type: 'governance.ProposalClosed',
  data: { proposalId: 'p-1', result, tally: { yes, no, abstain }, electorateSize: 4 },
});

describe('CloseProposal', () => {
  describe('no proposal', () => {
    it('refuses to close a proposal that does not exist', () => {
      spec.given([]).when(close()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('refuses to close a proposal that never opened', () => {
      spec.given([drafted]).when(close()).thenThrows(RuleBroken, 'proposal-not-open');
    });
  });

  describe('open', () => {
    it('refuses to close 1 ms before closesAt', () => {
      spec
        .given([drafted, submitted, opened])
        .when(close(new Date(closesAt.getTime() - 1)))
        .thenThrows(RuleBroken, 'voting-still-open');
    });

    it('closes exactly at closesAt', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes'), vote('m-2', 'yes')])
        .when(close())
        .then([closedWith('passed', 2, 0, 0)]);
    });

    it('closes late, with the same result', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes'), vote('m-2', 'yes')])
        .when(close(new Date(closesAt.getTime() + 86_400_000)))
        .then([closedWith('passed', 2, 0, 0)]);
    });

    it('counts changed votes once, by their last choice', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes'), vote('m-2', 'yes'), vote('m-1', 'no', 'yes')])
        .when(close())
        .then([closedWith('rejected', 1, 1, 0)]);
    });

    it('records no quorum below it: 1 of 4 with a 50 % quorum', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes')])
        .when(close())
        .then([closedWith('no-quorum', 1, 0, 0)]);
    });

    it('rejects when the votes cast are only abstentions', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'abstain'), vote('m-2', 'abstain')])
        .when(close())
        .then([closedWith('rejected', 0, 0, 2)]);
    });

    it('records no quorum when nobody voted', () => {
      spec
        .given([drafted, submitted, opened])
        .when(close())
        .then([closedWith('no-quorum', 0, 0, 0)]);
    });
  });

  describe('closed', () => {
    it('refuses to close again', () => {
      spec
        .given([drafted, submitted, opened, closedWith('no-quorum', 0, 0, 0)])
        .when(close())
        .thenThrows(RuleBroken, 'already-closed');
    });
  });

  describe('submitted', () => {
    it('refuses to close a proposal that was submitted but never opened', () => {
      spec.given([drafted, submitted]).when(close()).thenThrows(RuleBroken, 'proposal-not-open');
    });
  });

  describe('withdrawn', () => {
    it('refuses to close a withdrawn proposal: it has no result', () => {
      spec
        .given([drafted, submitted, opened, { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } }])
        .when(close())
        .thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to close a cancelled proposal: it has no result', () => {
      spec
        .given([drafted, submitted, opened, { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Out of scope.' } }])
        .when(close())
        .thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
