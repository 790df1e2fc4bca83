import { countInstantRunoff } from './irv.js';
import { lotOrder } from './tie-break.js';
import { many, randomElection, shuffled } from './test-elections.js';

describe('instant runoff count', () => {
  // The worked example of the Wikipedia article "Instant-runoff voting": the capital of Tennessee.
  const tennessee = [
    ...many(42, ['memphis', 'nashville', 'chattanooga', 'knoxville']),
    ...many(26, ['nashville', 'chattanooga', 'knoxville', 'memphis']),
    ...many(15, ['chattanooga', 'knoxville', 'nashville', 'memphis']),
    ...many(17, ['knoxville', 'chattanooga', 'nashville', 'memphis']),
  ];
  const cities = ['memphis', 'nashville', 'chattanooga', 'knoxville'];

  it('elects Knoxville in three rounds in the Tennessee example, recording every round', () => {
    const result = countInstantRunoff({ electionId: 'tn', candidates: cities, ballots: tennessee });
    expect(result.winners).toEqual(['knoxville']);
    expect(result.ballotsCounted).toBe(100);
    expect(result.rounds).toEqual([
      {
        round: 1,
        counts: { chattanooga: '15', knoxville: '17', memphis: '42', nashville: '26' },
        exhausted: '0',
        elected: [],
        eliminated: ['chattanooga'],
        transfers: [{ from: 'chattanooga', kind: 'elimination', transferValue: '1', to: { knoxville: '15' }, exhausted: '0' }],
        tieBreaks: [],
      },
      {
        round: 2,
        counts: { knoxville: '32', memphis: '42', nashville: '26' },
        exhausted: '0',
        elected: [],
        eliminated: ['nashville'],
        transfers: [{ from: 'nashville', kind: 'elimination', transferValue: '1', to: { knoxville: '26' }, exhausted: '0' }],
        tieBreaks: [],
      },
      { round: 3, counts: { knoxville: '58', memphis: '42' }, exhausted: '0', elected: ['knoxville'], eliminated: [], transfers: [], tieBreaks: [] },
    ]);
  });

  it('elects a candidate with a majority of first preferences in round 1', () => {
    const result = countInstantRunoff({ electionId: 'e', candidates: ['a', 'b', 'c'], ballots: [...many(3, ['a']), ['b', 'a'], ['c']] });
    expect(result.winners).toEqual(['a']);
    expect(result.rounds).toHaveLength(1);
  });

  it('needs a strict majority: half is not enough', () => {
    const result = countInstantRunoff({ electionId: 'e', candidates: ['a', 'b', 'c'], ballots: [...many(4, ['a']), ...many(3, ['b']), ['c', 'a']] });
    expect(result.rounds[0]).toMatchObject({ counts: { a: '4', b: '3', c: '1' }, elected: [], eliminated: ['c'] });
    expect(result.rounds[1]).toMatchObject({ counts: { a: '5', b: '3' }, elected: ['a'] });
  });

  it('breaks a tie for elimination by the earlier rounds first', () => {
    const result = countInstantRunoff({ electionId: 'e', candidates: ['a', 'b', 'c', 'd'], ballots: [...many(5, ['a']), ...many(3, ['b']), ...many(2, ['c']), ['d', 'c']] });
    expect(result.rounds[1]).toMatchObject({ counts: { a: '5', b: '3', c: '3' }, eliminated: ['c'], tieBreaks: [{ among: ['b', 'c'], chosen: 'c', rule: 'earlier-rounds' }] });
    // Exhausted ballots no longer count towards the majority.
    expect(result.rounds[2]).toMatchObject({ counts: { a: '5', b: '3' }, exhausted: '3', elected: ['a'] });
  });

  it('breaks a tie that earlier rounds cannot settle by lot', () => {
    const result = countInstantRunoff({ electionId: 'e-lot', candidates: ['a', 'b'], ballots: [['a'], ['b']] });
    const [first, last] = lotOrder('e-lot', ['a', 'b']);
    expect(result.rounds[0]!.tieBreaks).toEqual([{ among: ['a', 'b'], chosen: last, rule: 'lot' }]);
    expect(result.winners).toEqual([first]);
  });

  it('skips rankings of non-candidates (a withdrawn candidacy) and repeated entries', () => {
    const result = countInstantRunoff({ electionId: 'e', candidates: ['a', 'b'], ballots: [['gone', 'b'], ['a', 'a', 'b'], ['gone']] });
    expect(result.ballotsCounted).toBe(2);
    expect(result.rounds[0]!.counts).toEqual({ a: '1', b: '1' });
  });

  it('gives the same result whatever the order of the ballots and candidates', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { candidates, ballots } = randomElection(seed, 5, 40);
      const once = countInstantRunoff({ electionId: `e-${seed}`, candidates, ballots });
      expect(countInstantRunoff({ electionId: `e-${seed}`, candidates: shuffled(candidates, seed), ballots: shuffled(ballots, seed + 1) })).toEqual(once);
      expect(once.winners).toHaveLength(1);
    }
  });

  it('elects nobody without ballots', () => {
    expect(countInstantRunoff({ electionId: 'e', candidates: ['a'], ballots: [] }).winners).toEqual([]);
  });
});
