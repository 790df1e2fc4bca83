import type { SignedAct } from '../../events/envelope.js';
import type { ProposalRules } from '../../events/governance/proposal-events.js';
import { evolveProposal, initialProposalState, type ProposalHistoryEvent, type ProposalState } from './proposal.state.js';

const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const act = (nonce: string): SignedAct => ({
  command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce },
  signature: 'sig',
});
const drafted: ProposalHistoryEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules },
  position: 20,
  act: act('n-draft'),
};
const submitted: ProposalHistoryEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' }, position: 20.5 };
const opened: ProposalHistoryEvent = {
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy: 'm-a', closesAt: '2030-06-01T00:00:00.000Z', rules, electorate: { asOfPosition: 19, size: 3 } },
  position: 21,
};
const vote = (voterId: string, choice: 'yes' | 'no' | 'abstain', nonce: string, position: number): ProposalHistoryEvent => ({
  type: 'governance.VoteCast',
  data: { proposalId: 'p-1', voterId, choice, previousChoice: null },
  position,
  act: act(nonce),
});
const revisedRules: ProposalRules = { ...rules, quorumBps: 5000 };
const revised: ProposalHistoryEvent = {
  type: 'governance.ProposalRevised',
  data: { proposalId: 'p-1', revisedBy: 'm-a', title: 'Fix the well now', body: 'It leaks.', rules: revisedRules },
  position: 20.2,
  act: act('n-revise'),
};
const withdrawn: ProposalHistoryEvent = { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' }, position: 40 };
const cancelled: ProposalHistoryEvent = {
  type: 'governance.ProposalCancelled',
  data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Duplicate of another proposal.' },
  position: 41,
};
const closed: ProposalHistoryEvent = {
  type: 'governance.ProposalClosed',
  data: { proposalId: 'p-1', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, electorateSize: 3 },
  position: 30,
};
const fold = (events: ProposalHistoryEvent[]): ProposalState => events.reduce(evolveProposal, initialProposalState);

describe('evolveProposal', () => {
  it('drafts with the author, the rules and the nonce of the drafting act', () => {
    expect(fold([drafted])).toEqual({ status: 'drafted', proposalId: 'p-1', authorId: 'm-a', rules, usedNonces: new Set(['n-draft']) });
  });

  it('opens with the deadline, the electorate and no votes', () => {
    expect(fold([drafted, submitted, opened])).toEqual({
      status: 'open',
      proposalId: 'p-1',
      authorId: 'm-a',
      rules,
      usedNonces: new Set(['n-draft']),
      closesAt: new Date('2030-06-01T00:00:00.000Z'),
      electorate: { asOfPosition: 19, size: 3 },
      votes: {},
    });
  });

  it('keeps each voter’s latest choice and every nonce used', () => {
    const state = fold([drafted, submitted, opened, vote('m-1', 'yes', 'n-1', 22), vote('m-2', 'no', 'n-2', 23), vote('m-1', 'abstain', 'n-3', 24)]);
    expect(state).toMatchObject({ votes: { 'm-1': 'abstain', 'm-2': 'no' }, usedNonces: new Set(['n-draft', 'n-1', 'n-2', 'n-3']) });
  });

  it('closes with the result and the tally, keeping the votes', () => {
    const state = fold([
      drafted,
      submitted,
      opened,
      vote('m-1', 'yes', 'n-1', 22),
      { type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, electorateSize: 3 }, position: 30 },
    ]);
    expect(state).toMatchObject({ status: 'closed', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, votes: { 'm-1': 'yes' } });
  });

  it('uses the rules fixed at opening', () => {
    const stricter = { ...rules, allowVoteChange: false };
    expect(fold([drafted, submitted, { ...opened, data: { ...opened.data, rules: stricter } }])).toMatchObject({ rules: stricter });
  });

  it('ignores events out of lifecycle order', () => {
    expect(fold([opened])).toEqual({ status: 'none' });
    expect(fold([drafted, vote('m-1', 'yes', 'n-1', 22)])).toMatchObject({ status: 'drafted' });
    expect(fold([drafted, opened])).toMatchObject({ status: 'drafted' });
    expect(fold([drafted, submitted, revised])).toMatchObject({ status: 'submitted', rules });
    expect(fold([drafted, withdrawn, submitted])).toMatchObject({ status: 'withdrawn' });
  });

  it('takes the rules of the latest revision while drafted', () => {
    expect(fold([drafted, revised])).toEqual({ status: 'drafted', proposalId: 'p-1', authorId: 'm-a', rules: revisedRules, usedNonces: new Set(['n-draft', 'n-revise']) });
  });

  it('submits, keeping the facts of the draft', () => {
    expect(fold([drafted, submitted])).toEqual({ status: 'submitted', proposalId: 'p-1', authorId: 'm-a', rules, usedNonces: new Set(['n-draft']) });
  });

  it.each([
    ['drafted', [drafted]],
    ['submitted', [drafted, submitted]],
    ['open', [drafted, submitted, opened]],
  ])('withdraws a %s proposal, dropping its voting facts', (_label, before) => {
    expect(fold([...before, withdrawn])).toEqual({ status: 'withdrawn', proposalId: 'p-1', authorId: 'm-a', rules, usedNonces: new Set(['n-draft']) });
  });

  it('cancels with the steward’s reason', () => {
    expect(fold([drafted, submitted, opened, vote('m-1', 'yes', 'n-1', 22), cancelled])).toEqual({
      status: 'cancelled',
      reason: 'Duplicate of another proposal.',
      proposalId: 'p-1',
      authorId: 'm-a',
      rules,
      usedNonces: new Set(['n-draft', 'n-1']),
    });
  });

  it('never leaves an ended proposal', () => {
    expect(fold([drafted, cancelled, withdrawn])).toMatchObject({ status: 'cancelled' });
    expect(fold([drafted, submitted, opened, closed, cancelled])).toMatchObject({ status: 'closed' });
  });

  it('does not change the state it evolves from', () => {
    const before = fold([drafted, submitted, opened]);
    evolveProposal(before, vote('m-1', 'yes', 'n-1', 22));
    expect(before).toMatchObject({ votes: {}, usedNonces: new Set(['n-draft']) });
  });
});
