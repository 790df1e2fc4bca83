import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules } from '../../../events/governance/proposal-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { SubmitProposal } from './submit-proposal.command.js';
import { decideSubmitProposal } from './submit-proposal.decide.js';

const spec = specFor<ProposalState, SubmitProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideSubmitProposal,
});
const meta = { actor: 'm-a', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const submit = (actor: Voter = author): SubmitProposal => ({ proposalId: 'p-1', actor, meta });
const drafted: ProposalEvent = { type: 'governance.ProposalDrafted', data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null } };
const revised: ProposalEvent = { type: 'governance.ProposalRevised', data: { proposalId: 'p-1', revisedBy: 'm-a', title: 'Fix it', body: '', rules, motion: { kind: 'general' }, topic: null } };
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const opened: ProposalEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: '2030-06-01T00:00:00.000Z', rules, electorate: { asOfPosition: 5, size: 3 } },
};
const closed: ProposalEvent = { type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result: 'no-quorum', tally: { yes: 0, no: 0, abstain: 0 }, direct: { yes: 0, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null } };

describe('SubmitProposal', () => {
  describe('no proposal', () => {
    it('refuses to submit a proposal that does not exist', () => {
      spec.given([]).when(submit()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('submits the draft', () => {
      spec.given([drafted]).when(submit()).then([submitted]);
    });

    it('submits a revised draft', () => {
      spec.given([drafted, revised]).when(submit()).then([submitted]);
    });

    it.each([
      ['another member', { ...author, memberId: 'm-o' }],
      ['a steward', { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] } satisfies Voter],
    ])('refuses %s: only the author submits', (_label, actor) => {
      spec.given([drafted]).when(submit(actor)).thenThrows(Forbidden, 'not-author');
    });
  });

  describe('submitted', () => {
    it('refuses to submit twice', () => {
      spec.given([drafted, submitted]).when(submit()).thenThrows(RuleBroken, 'not-drafted');
    });
  });

  describe('open and closed', () => {
    it('refuses to submit an opened proposal', () => {
      spec.given([drafted, submitted, opened]).when(submit()).thenThrows(RuleBroken, 'not-drafted');
      spec.given([drafted, submitted, opened, closed]).when(submit()).thenThrows(RuleBroken, 'not-drafted');
    });
  });

  describe('withdrawn', () => {
    it('refuses to submit a withdrawn proposal', () => {
      spec
        .given([drafted, { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } }])
        .when(submit())
        .thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to submit a cancelled proposal', () => {
      spec
        .given([drafted, { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Spam.' } }])
        .when(submit())
        .thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
