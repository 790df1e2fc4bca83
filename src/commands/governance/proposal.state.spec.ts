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
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null },
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
  data: { proposalId: 'p-1', revisedBy: 'm-a', title: 'Fix the well now', body: 'It leaks.', rules: revisedRules, motion: { kind: 'general' }, topic: null },
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
  data: { proposalId: 'p-1', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null },
  position: 30,
};
const general = { kind: 'general' } as const;
const fold = (events: ProposalHistoryEvent[]): ProposalState => events.reduce(evolveProposal, initialProposalState);

describe('evolveProposal', () => {
  it('drafts with the author, the rules and the nonce of the drafting act', () => {
    expect(fold([drafted])).toEqual({ status: 'drafted', proposalId: 'p-1', authorId: 'm-a', rules, motion: general, topic: null, usedNonces: new Set(['n-draft']) });
  });

  it('opens with the deadline, the electorate and no votes', () => {
    expect(fold([drafted, submitted, opened])).toEqual({
      status: 'open',
      proposalId: 'p-1',
      authorId: 'm-a',
      rules,
      motion: general,
      topic: null,
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
      { type: 'governance.ProposalClosed', data: { proposalId: 'p-1', result: 'passed', tally: { yes: 1, no: 0, abstain: 0 }, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 3, delegationsAsOfPosition: null }, position: 30 },
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
    expect(fold([drafted, revised])).toEqual({ status: 'drafted', proposalId: 'p-1', authorId: 'm-a', rules: revisedRules, motion: general, topic: null, usedNonces: new Set(['n-draft', 'n-revise']) });
  });

  it('submits, keeping the facts of the draft', () => {
    expect(fold([drafted, submitted])).toEqual({ status: 'submitted', proposalId: 'p-1', authorId: 'm-a', rules, motion: general, topic: null, usedNonces: new Set(['n-draft']) });
  });

  it.each([
    ['drafted', [drafted]],
    ['submitted', [drafted, submitted]],
    ['open', [drafted, submitted, opened]],
  ])('withdraws a %s proposal, dropping its voting facts', (_label, before) => {
    expect(fold([...before, withdrawn])).toEqual({ status: 'withdrawn', proposalId: 'p-1', authorId: 'm-a', rules, motion: general, topic: null, usedNonces: new Set(['n-draft']) });
  });

  it('cancels with the steward’s reason', () => {
    expect(fold([drafted, submitted, opened, vote('m-1', 'yes', 'n-1', 22), cancelled])).toEqual({
      status: 'cancelled',
      reason: 'Duplicate of another proposal.',
      proposalId: 'p-1',
      authorId: 'm-a',
      rules,
      motion: general,
      topic: null,
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

  it('keeps apart the histories that grow from one state', () => {
    const open = fold([drafted, submitted, opened, vote('m-1', 'yes', 'n-1', 22)]);
    const one = evolveProposal(open, vote('m-2', 'no', 'n-2', 23));
    const other = evolveProposal(open, vote('m-3', 'abstain', 'n-3', 23));
    const further = evolveProposal(one, vote('m-1', 'no', 'n-4', 24));
    expect(open).toMatchObject({ votes: { 'm-1': 'yes' }, usedNonces: new Set(['n-draft', 'n-1']) });
    expect(one).toMatchObject({ votes: { 'm-1': 'yes', 'm-2': 'no' }, usedNonces: new Set(['n-draft', 'n-1', 'n-2']) });
    expect(other).toMatchObject({ votes: { 'm-1': 'yes', 'm-3': 'abstain' }, usedNonces: new Set(['n-draft', 'n-1', 'n-3']) });
    expect(further).toMatchObject({ votes: { 'm-1': 'no', 'm-2': 'no' }, usedNonces: new Set(['n-draft', 'n-1', 'n-2', 'n-4']) });
    expect((one as { votes: object }).votes).toEqual({ 'm-1': 'yes', 'm-2': 'no' });
  });

  it('evolves a state it did not build', () => {
    const given: ProposalState = {
      status: 'open',
      proposalId: 'p-1',
      authorId: 'm-a',
      rules,
      motion: general,
      topic: null,
      usedNonces: new Set(['n-draft', 'n-1']),
      closesAt: new Date('2030-06-01T00:00:00.000Z'),
      electorate: { asOfPosition: 19, size: 3 },
      votes: { 'm-1': 'yes' },
    };
    expect(evolveProposal(given, vote('m-2', 'no', 'n-2', 23))).toEqual({ ...given, votes: { 'm-1': 'yes', 'm-2': 'no' }, usedNonces: new Set(['n-draft', 'n-1', 'n-2']) });
    expect(given).toMatchObject({ votes: { 'm-1': 'yes' }, usedNonces: new Set(['n-draft', 'n-1']) });
  });

  it('loads a proposal with thousands of votes, each voter counted under the latest choice', () => {
    const choices = ['yes', 'no', 'abstain'] as const;
    const votes = Array.from({ length: 6000 }, (_, i) => vote(`m-${i % 5000}`, choices[i % 3]!, `n-${i}`, 22 + i));
    const state = fold([drafted, submitted, opened, ...votes]);
    const record = (state as { votes: Record<string, string> }).votes;
    expect(Object.keys(record)).toHaveLength(5000);
    expect(record['m-0']).toBe(choices[5000 % 3]);
    expect(record['m-4999']).toBe(choices[4999 % 3]);
    expect(record['m-1000']).toBe(choices[1000 % 3]);
    expect((state as { usedNonces: ReadonlySet<string> }).usedNonces.size).toBe(6001);
  });
});

describe('evolveProposal with a motion and a topic', () => {
  const motion = { kind: 'no-confidence', memberId: 'm-s', role: 'steward' } as const;

  it('keeps the motion and topic of the draft, and of its latest revision', () => {
    const withMotion: ProposalHistoryEvent = { ...drafted, data: { ...drafted.data, motion, topic: 'stewardship' } };
    expect(fold([withMotion])).toMatchObject({ motion, topic: 'stewardship' });
    expect(fold([withMotion, revised])).toMatchObject({ motion: general, topic: null });
  });

  it('keeps the motion after withdrawal', () => {
    const withMotion: ProposalHistoryEvent = { ...drafted, data: { ...drafted.data, motion, topic: null } };
    expect(fold([withMotion, withdrawn])).toMatchObject({ status: 'withdrawn', motion });
  });

  it('records direct and delegated weight at the close', () => {
    const tally = { yes: 3, no: 0, abstain: 0 };
    const delegatedClose: ProposalHistoryEvent = { ...closed, data: { ...(closed.data as object), tally, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 2, no: 0, abstain: 0 } } as never };
    expect(fold([drafted, submitted, opened, vote('m-1', 'yes', 'n-1', 22), delegatedClose])).toMatchObject({ tally, delegated: { yes: 2, no: 0, abstain: 0 } });
  });
});
