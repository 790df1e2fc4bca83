import { noDelegations, withDelegation, type Delegations } from '../delegation-resolution.js';
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
const close = (now = closesAt, change: Partial<CloseProposal> = {}): CloseProposal => ({
  proposalId: 'p-1',
  delegations: { asOfPosition: 50, graph: new Map() },
  delegatorsInElectorate: new Set(),
  target: null,
  meta: { actor: 'system', now, correlationId: 'c-1' },
  ...change,
});
const drafted: ProposalEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null },
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
  data: { proposalId: 'p-1', result, tally: { yes, no, abstain }, direct: { yes, no, abstain }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 4, delegationsAsOfPosition: 50 },
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

describe('CloseProposal with delegations and motions', () => {
  const graph = (...edges: [string, string, string?][]): Delegations =>
    edges.reduce((g, [from, to, topic]) => withDelegation(g, from, topic ?? null, to), noDelegations);
  const withDelegations = (g: Delegations, inElectorate: string[] = [...g.keys()]) =>
    close(closesAt, { delegations: { asOfPosition: 50, graph: g }, delegatorsInElectorate: new Set(inElectorate) });
  const draftedWith = (motion: object, topic: string | null = null, thresholdBps = 5000): ProposalEvent =>
    ({ ...drafted, data: { ...(drafted.data as object), motion, topic, rules: { ...rules, thresholdBps } } }) as ProposalEvent;
  const openedWith = (thresholdBps: number): ProposalEvent => ({ ...opened, data: { ...(opened.data as object), rules: { ...rules, thresholdBps } } }) as ProposalEvent;
  const closedEvent = (result: string, direct: object, delegated: object, tally: object): ProposalEvent =>
    ({ type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result, tally, direct, delegated, electorateSize: 4, delegationsAsOfPosition: 50 } }) as ProposalEvent;

  describe('open', () => {
    it('counts delegated weight separately and passes on it', () => {
      // m-1 votes no; m-2 and m-3 delegate to m-4 who votes yes.
      spec
        .given([drafted, submitted, opened, vote('m-1', 'no'), vote('m-4', 'yes')])
        .when(withDelegations(graph(['m-2', 'm-4'], ['m-3', 'm-2'])))
        .then([closedEvent('passed', { yes: 1, no: 1, abstain: 0 }, { yes: 2, no: 0, abstain: 0 }, { yes: 3, no: 1, abstain: 0 })]);
    });

    it('gives no weight to a delegator outside the electorate', () => {
      spec
        .given([drafted, submitted, opened, vote('m-1', 'no'), vote('m-4', 'yes')])
        .when(withDelegations(graph(['m-2', 'm-4'], ['m-9', 'm-4']), ['m-2']))
        .then([closedEvent('passed', { yes: 1, no: 1, abstain: 0 }, { yes: 1, no: 0, abstain: 0 }, { yes: 2, no: 1, abstain: 0 })]);
    });

    it('follows the topic delegation on a proposal of that topic', () => {
      spec
        .given([draftedWith({ kind: 'general' }, 'water'), submitted, opened, vote('m-1', 'no'), vote('m-4', 'yes')])
        .when(withDelegations(graph(['m-2', 'm-4'], ['m-2', 'm-1', 'water'])))
        .then([closedEvent('rejected', { yes: 1, no: 1, abstain: 0 }, { yes: 0, no: 1, abstain: 0 }, { yes: 1, no: 2, abstain: 0 })]);
    });

    it('delegated weight counts toward the quorum', () => {
      // 50 % quorum of 4: one direct vote and one delegated one reach it.
      spec
        .given([drafted, submitted, opened, vote('m-1', 'yes')])
        .when(withDelegations(graph(['m-2', 'm-1'])))
        .then([closedEvent('passed', { yes: 1, no: 0, abstain: 0 }, { yes: 1, no: 0, abstain: 0 }, { yes: 2, no: 0, abstain: 0 })]);
    });

    it('passes a no-confidence motion only above two thirds', () => {
      const motion = { kind: 'no-confidence', memberId: 'm-s', role: 'steward' };
      const given = [draftedWith(motion, null, 6667), submitted, openedWith(6667), vote('m-1', 'yes'), vote('m-2', 'yes'), vote('m-3', 'no')];
      const target = { kind: 'member' as const, memberId: 'm-s', roles: ['steward' as const] };
      spec
        .given(given)
        .when(close(closesAt, { target }))
        .then([closedEvent('rejected', { yes: 2, no: 1, abstain: 0 }, { yes: 0, no: 0, abstain: 0 }, { yes: 2, no: 1, abstain: 0 })]);
      spec
        .given([...given, vote('m-4', 'yes')])
        .when(close(closesAt, { target }))
        .then([closedEvent('passed', { yes: 3, no: 1, abstain: 0 }, { yes: 0, no: 0, abstain: 0 }, { yes: 3, no: 1, abstain: 0 })]);
    });

    it('lapses a passed motion that would change nothing at the close', () => {
      const motion = { kind: 'revoke-role', memberId: 'm-s', role: 'moderator' };
      spec
        .given([draftedWith(motion), submitted, opened, vote('m-1', 'yes'), vote('m-2', 'yes')])
        .when(close(closesAt, { target: { kind: 'member', memberId: 'm-s', roles: [] } }))
        .then([closedEvent('lapsed', { yes: 2, no: 0, abstain: 0 }, { yes: 0, no: 0, abstain: 0 }, { yes: 2, no: 0, abstain: 0 })]);
    });

    it('keeps a rejected motion rejected whatever the target holds', () => {
      const motion = { kind: 'grant-role', memberId: 'm-s', role: 'verifier' };
      spec
        .given([draftedWith(motion), submitted, opened, vote('m-1', 'no'), vote('m-2', 'no')])
        .when(close(closesAt, { target: { kind: 'member', memberId: 'm-s', roles: ['verifier'] } }))
        .then([closedEvent('rejected', { yes: 0, no: 2, abstain: 0 }, { yes: 0, no: 0, abstain: 0 }, { yes: 0, no: 2, abstain: 0 })]);
    });
  });
});
