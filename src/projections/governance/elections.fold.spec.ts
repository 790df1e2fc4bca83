import type { EventEnvelope } from '../../events/envelope.js';
import { foldElections, type ElectionsExisting } from './elections.fold.js';

let position = 100;
const env = (type: string, data: Record<string, unknown>, at = position): EventEnvelope => ({
  id: `id-${at}`,
  stream: 'election-e-1',
  revision: at - 100,
  position: (position = at + 1, at),
  type,
  schemaVersion: 1,
  data,
  meta: { actor: 'm', correlationId: 'c', causationId: 'c', occurredAt: new Date(Date.UTC(2030, 0, 1, 0, at)).toISOString() },
});
const none: ElectionsExisting = { elections: new Map(), candidates: new Map(), ballots: new Map() };
const calledData = {
  electionId: 'e-1',
  calledBy: 'm-s',
  title: 'Stewards',
  role: 'steward',
  seats: 1,
  method: 'irv',
  nominationsCloseAt: '2030-02-01T00:00:00.000Z',
  closesAt: '2030-02-08T00:00:00.000Z',
  electorate: { asOfPosition: 90, size: 5 },
};

describe('elections fold', () => {
  it('folds a whole election: candidates, latest ballots, voters counted once, the result and its rounds', () => {
    position = 100;
    const batch = [
      env('governance.ElectionCalled', calledData),
      env('governance.CandidacyDeclared', { electionId: 'e-1', candidateId: 'c-a', statement: 'A' }),
      env('governance.CandidacyDeclared', { electionId: 'e-1', candidateId: 'c-b', statement: 'B' }),
      env('governance.CandidacyWithdrawn', { electionId: 'e-1', candidateId: 'c-b' }),
      env('governance.BallotCast', { electionId: 'e-1', voterId: 'v-1', choices: ['c-a'], replacesEarlier: false }),
      env('governance.BallotCast', { electionId: 'e-1', voterId: 'v-1', choices: ['c-a'], replacesEarlier: true }),
      env('governance.ElectionClosed', {
        electionId: 'e-1',
        role: 'steward',
        seats: 1,
        method: 'irv',
        candidates: ['c-a'],
        winners: ['c-a'],
        rounds: [{ round: 1, counts: { 'c-a': '1' }, exhausted: '0', elected: ['c-a'], eliminated: [], transfers: [], tieBreaks: [] }],
        ballotsCounted: 1,
        electorateSize: 5,
        quota: null,
      }),
    ];
    const folded = foldElections(none, batch);
    expect(folded.elections).toEqual([expect.objectContaining({ electionId: 'e-1', status: 'closed', voters: 1, winners: ['c-a'], ballotsCounted: 1, closedPosition: 106, lastPosition: 106 })]);
    expect(folded.candidates).toEqual([
      expect.objectContaining({ candidateId: 'c-a', status: 'standing', electedRank: 1 }),
      expect.objectContaining({ candidateId: 'c-b', status: 'withdrawn', electedRank: null }),
    ]);
    expect(folded.ballots).toEqual([expect.objectContaining({ voterId: 'v-1', choices: ['c-a'], ballots: 2, lastPosition: 105 })]);
    expect(folded.rounds).toEqual([expect.objectContaining({ electionId: 'e-1', round: 1, elected: ['c-a'] })]);
  });

  it('skips events already applied and events of an election it never saw called', () => {
    position = 100;
    const call = env('governance.ElectionCalled', calledData);
    const first = foldElections(none, [call]);
    const existing: ElectionsExisting = { ...none, elections: new Map([['e-1', first.elections[0]!]]) };
    expect(foldElections(existing, [call])).toEqual({ elections: [], candidates: [], ballots: [], rounds: [] });
    const stray = env('governance.CandidacyDeclared', { electionId: 'e-2', candidateId: 'c-a', statement: '' });
    expect(foldElections(none, [stray]).candidates).toEqual([]);
  });
});
