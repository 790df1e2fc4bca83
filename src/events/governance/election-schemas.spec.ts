import { countStv } from '../../governance/counting/stv.js';
import { validateEvent } from '../registry.js';

const called = {
  electionId: 'e-1',
  calledBy: 'm-s',
  title: 'Moderators',
  role: 'moderator',
  seats: 2,
  method: 'stv',
  nominationsCloseAt: '2030-05-08T00:00:00.000Z',
  closesAt: '2030-05-15T00:00:00.000Z',
  electorate: { asOfPosition: 40, size: 10 },
};

describe('election event schemas', () => {
  it('accepts what the deciders write', () => {
    expect(validateEvent('governance.ElectionCalled', called)).toEqual([]);
    expect(validateEvent('governance.ElectionCalled', { ...called, role: null, method: 'irv', seats: 1 })).toEqual([]);
    expect(validateEvent('governance.CandidacyDeclared', { electionId: 'e-1', candidateId: 'm-1', statement: '' })).toEqual([]);
    expect(validateEvent('governance.CandidacyWithdrawn', { electionId: 'e-1', candidateId: 'm-1' })).toEqual([]);
    expect(validateEvent('governance.BallotCast', { electionId: 'e-1', voterId: 'm-1', choices: ['m-2', 'm-3'], replacesEarlier: false })).toEqual([]);
    const count = countStv({ electionId: 'e-1', seats: 2, candidates: ['a', 'b', 'c'], ballots: [['a', 'b'], ['a', 'c'], ['a'], ['b'], ['c']] });
    const closed = { electionId: 'e-1', role: 'moderator', seats: 2, method: 'stv', candidates: ['a', 'b', 'c'], winners: count.winners, rounds: count.rounds, ballotsCounted: 5, electorateSize: 10, quota: count.quota };
    expect(validateEvent('governance.ElectionClosed', closed)).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(validateEvent('governance.ElectionCalled', { ...called, role: 'king', seats: 0, method: 'borda', closesAt: called.nominationsCloseAt })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^role:/), expect.stringMatching(/^seats:/), expect.stringMatching(/^method:/), expect.stringMatching(/^closesAt:/)]),
    );
    expect(validateEvent('governance.ElectionCalled', { ...called, method: 'irv', seats: 2 })).toEqual(['seats: instant runoff fills exactly one seat']);
    expect(validateEvent('governance.BallotCast', { electionId: 'e-1', voterId: 'm-1', choices: ['m-2', 'm-2'], replacesEarlier: 'no' })).toEqual([
      'choices: must not repeat an id',
      'replacesEarlier: must be a boolean',
    ]);
    expect(validateEvent('governance.BallotCast', { electionId: 'e-1', voterId: 'm-1', choices: [], replacesEarlier: false })).toEqual([expect.stringMatching(/^choices:/)]);
    const round = { round: 2, counts: { a: '1.5' }, exhausted: '0', elected: [], eliminated: [], transfers: [], tieBreaks: [] };
    const closed = { electionId: 'e-1', role: null, seats: 1, method: 'irv', candidates: ['a'], winners: ['a', 'b'], rounds: [round], ballotsCounted: 1, electorateSize: 1, quota: null };
    expect(validateEvent('governance.ElectionClosed', closed)).toEqual(
      expect.arrayContaining(['winners: more than seats', 'rounds[0].round: must be 1', 'rounds[0].counts.a: must be a decimal vote count']),
    );
  });
});
