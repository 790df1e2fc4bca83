import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules, VoteChoice } from '../../../events/governance/proposal-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { WithdrawProposal } from './withdraw-proposal.command.js';
import { decideWithdrawProposal } from './withdraw-proposal.decide.js';

const spec = specFor<ProposalState, WithdrawProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideWithdrawProposal,
});
const closesAt = new Date('2030-06-01T00:00:00.000Z');
const now = new Date('2030-05-20T00:00:00.000Z');
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const steward: Voter = { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] };
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const withdraw = (actor: Voter = author, at: Date = now): WithdrawProposal => ({ proposalId: 'p-1', actor, meta: { actor: actor.memberId, now: at, correlationId: 'c-1' } });
const drafted: ProposalEvent = { type: 'governance.ProposalDrafted', data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null } };
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: closesAt.toISOString(), rules, electorate: { asOfPosition: 5, size: 3 } },
};
const vote = (voterId: string, choice: VoteChoice, previousChoice: VoteChoice | null = null): ProposalEvent => ({
  type: 'governance.VoteCast',
  data: { proposalId: 'p-1', voterId, choice, previousChoice },
});
const closed: ProposalEvent = { type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result: 'no-quorum', tally: { yes: 0, no: 0, abstain: 0 }, direct: { yes: 0, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null } };
const withdrawn: ProposalEvent = { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } };
const cancelled: ProposalEvent = { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Spam.' } };

describe('WithdrawProposal', () => {
  describe('no proposal', () => {
    it('refuses to withdraw a proposal that does not exist', () => {
      spec.given([]).when(withdraw()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('withdraws a draft', () => {
      spec.given([drafted]).when(withdraw()).then([withdrawn]);
    });

    it.each([
      ['another member', { ...author, memberId: 'm-o' }],
      ['a steward', steward],
    ])('refuses %s: only the author withdraws', (_label, actor) => {
      spec.given([drafted]).when(withdraw(actor)).thenThrows(Forbidden, 'not-author');
    });
  });

  describe('submitted', () => {
    it('withdraws a submitted proposal', () => {
      spec.given([drafted, submitted]).when(withdraw()).then([withdrawn]);
    });
  });

  describe('open', () => {
    it('withdraws an open proposal nobody has voted on', () => {
      spec.given([drafted, submitted, opened]).when(withdraw()).then([withdrawn]);
    });

    it('refuses once anyone has voted, even an abstention', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'abstain')])
        .when(withdraw())
        .thenThrows(RuleBroken, 'has-votes');
    });

    it('refuses once the author has voted on it', () => {
      spec
        .given([drafted, submitted, opened, vote('m-a', 'yes'), vote('m-a', 'no', 'yes')])
        .when(withdraw())
        .thenThrows(RuleBroken, 'has-votes');
    });

    it('refuses a stranger before telling them about the votes', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes')])
        .when(withdraw({ ...author, memberId: 'm-o' }))
        .thenThrows(Forbidden, 'not-author');
    });

    it('refuses once the voting time is up, though the close is not recorded yet', () => {
      spec.given([drafted, submitted, opened]).when(withdraw(author, closesAt)).thenThrows(RuleBroken, 'voting-ended');
    });
  });

  describe('closed', () => {
    it('refuses to withdraw a closed proposal', () => {
      spec.given([drafted, submitted, opened, closed]).when(withdraw()).thenThrows(RuleBroken, 'proposal-closed');
    });
  });

  describe('withdrawn', () => {
    it('refuses to withdraw twice', () => {
      spec.given([drafted, withdrawn]).when(withdraw()).thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to withdraw a cancelled proposal', () => {
      spec.given([drafted, submitted, cancelled]).when(withdraw()).thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
