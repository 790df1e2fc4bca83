import { countApproval } from './approval.js';
import { lotOrder } from './tie-break.js';

const many = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => [...ballot]);

describe('approval count', () => {
  it('elects the most approved candidates, most first, in one recorded round', () => {
    const result = countApproval({
      electionId: 'e',
      seats: 2,
      candidates: ['a', 'b', 'c', 'd'],
      ballots: [...many(3, ['a', 'b']), ...many(2, ['c']), ['b', 'd'], ['b']],
    });
    expect(result).toEqual({
      winners: ['b', 'a'],
      ballotsCounted: 7,
      quota: null,
      rounds: [{ round: 1, counts: { a: '3', b: '5', c: '2', d: '1' }, exhausted: '0', elected: ['b', 'a'], eliminated: [], transfers: [], tieBreaks: [] }],
    });
  });

  it('breaks a tie for the last seat by lot and records it', () => {
    const result = countApproval({ electionId: 'e-7', seats: 1, candidates: ['a', 'b'], ballots: [['a'], ['b']] });
    const first = lotOrder('e-7', ['a', 'b'])[0]!;
    expect(result.winners).toEqual([first]);
    expect(result.rounds[0]!.tieBreaks).toEqual([{ among: ['a', 'b'], chosen: first, rule: 'lot' }]);
  });

  it('records only the tie-break that decided the last seat when three tie for it', () => {
    const result = countApproval({ electionId: 'e-3', seats: 2, candidates: ['a', 'b', 'c', 'd'], ballots: [['a'], ['a'], ['b'], ['c'], ['d']] });
    const first = lotOrder('e-3', ['b', 'c', 'd'])[0]!;
    expect(result.winners).toEqual(['a', first]);
    expect(result.rounds[0]!.tieBreaks).toEqual([{ among: ['b', 'c', 'd'], chosen: first, rule: 'lot' }]);
  });

  it('records no tie-break when the tie is among candidates who are all elected', () => {
    const result = countApproval({ electionId: 'e', seats: 2, candidates: ['a', 'b', 'c'], ballots: [['a', 'b'], ['a', 'b'], ['c']] });
    expect(result.winners.sort()).toEqual(['a', 'b']);
    expect(result.rounds[0]!.tieBreaks).toEqual([]);
  });

  it('never elects a candidate nobody approved, so seats may stay empty', () => {
    const result = countApproval({ electionId: 'e', seats: 3, candidates: ['a', 'b', 'c'], ballots: [['a'], ['a', 'b']] });
    expect(result.winners).toEqual(['a', 'b']);
  });

  it('ignores non-candidates and repeated approvals, and ballots left empty by that', () => {
    const result = countApproval({ electionId: 'e', seats: 1, candidates: ['a', 'b'], ballots: [['a', 'a', 'a'], ['b', 'z'], ['z']] });
    expect(result.ballotsCounted).toBe(2);
    expect(result.rounds[0]!.counts).toEqual({ a: '1', b: '1' });
  });

  it('elects nobody without ballots', () => {
    expect(countApproval({ electionId: 'e', seats: 1, candidates: ['a'], ballots: [] })).toEqual({ winners: [], rounds: [], ballotsCounted: 0, quota: null });
  });
});
