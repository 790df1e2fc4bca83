import { countInstantRunoff } from './irv.js';
import { countStv } from './stv.js';
import { many, randomElection, shuffled } from './test-elections.js';

const toUnits = (votes: string): bigint => BigInt(votes.replace('.', ''));

describe('STV count', () => {
  // The worked example of the Wikipedia article "Single transferable vote": a party's food, 3 seats, 20 voters.
  const food = [
    ...many(4, ['oranges']),
    ...many(2, ['pears', 'oranges']),
    ...many(8, ['chocolate', 'strawberries']),
    ...many(4, ['chocolate', 'hamburgers']),
    ['strawberries'],
    ['hamburgers'],
  ];
  const dishes = ['oranges', 'pears', 'chocolate', 'strawberries', 'hamburgers'];

  it('elects chocolate, oranges and strawberries with a Droop quota of 6, recording every round and transfer', () => {
    const result = countStv({ electionId: 'food', seats: 3, candidates: dishes, ballots: food });
    expect(result.quota).toBe('6.00000');
    expect(result.ballotsCounted).toBe(20);
    expect(result.winners).toEqual(['chocolate', 'oranges', 'strawberries']);
    expect(result.rounds).toEqual([
      {
        round: 1,
        counts: { chocolate: '12.00000', hamburgers: '1.00000', oranges: '4.00000', pears: '2.00000', strawberries: '1.00000' },
        exhausted: '0.00000',
        elected: ['chocolate'],
        eliminated: [],
        transfers: [{ from: 'chocolate', kind: 'surplus', transferValue: '0.50000', to: { hamburgers: '2.00000', strawberries: '4.00000' }, exhausted: '0.00000' }],
        tieBreaks: [],
      },
      {
        round: 2,
        counts: { hamburgers: '3.00000', oranges: '4.00000', pears: '2.00000', strawberries: '5.00000' },
        exhausted: '0.00000',
        elected: [],
        eliminated: ['pears'],
        transfers: [{ from: 'pears', kind: 'elimination', transferValue: '1.00000', to: { oranges: '2.00000' }, exhausted: '0.00000' }],
        tieBreaks: [],
      },
      {
        round: 3,
        counts: { hamburgers: '3.00000', oranges: '6.00000', strawberries: '5.00000' },
        exhausted: '0.00000',
        elected: ['oranges'],
        eliminated: [],
        transfers: [],
        tieBreaks: [],
      },
      {
        round: 4,
        counts: { hamburgers: '3.00000', strawberries: '5.00000' },
        exhausted: '0.00000',
        elected: [],
        eliminated: ['hamburgers'],
        transfers: [{ from: 'hamburgers', kind: 'elimination', transferValue: '1.00000', to: {}, exhausted: '3.00000' }],
        tieBreaks: [],
      },
      { round: 5, counts: { strawberries: '5.00000' }, exhausted: '3.00000', elected: ['strawberries'], eliminated: [], transfers: [], tieBreaks: [] },
    ]);
  });

  it('truncates fractional transfers to five decimals, exactly', () => {
    // 7 ballots, 2 seats: quota 3; a has 7, surplus 4, transfer value 4/7 = 0.57142 (truncated).
    const result = countStv({ electionId: 'e', seats: 2, candidates: ['a', 'b', 'c'], ballots: [...many(4, ['a', 'b']), ...many(3, ['a', 'c'])] });
    expect(result.quota).toBe('3.00000');
    expect(result.rounds[0]!.transfers).toEqual([{ from: 'a', kind: 'surplus', transferValue: '0.57142', to: { b: '2.28568', c: '1.71426' }, exhausted: '0.00000' }]);
    expect(result.winners).toEqual(['a', 'b']);
  });

  it('fills min(seats, candidates) seats, and never counts more votes than ballots', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const size = 2 + (seed % 6);
      const seats = 1 + (seed % 4);
      const { candidates, ballots } = randomElection(seed, size, 10 + seed);
      const result = countStv({ electionId: `e-${seed}`, seats, candidates, ballots });
      expect(result.winners).toHaveLength(Math.min(seats, size));
      expect(new Set(result.winners).size).toBe(result.winners.length);
      for (const round of result.rounds) {
        const total = Object.values(round.counts).reduce((a, v) => a + toUnits(v), toUnits(round.exhausted));
        expect(total <= BigInt(ballots.length) * 100000n).toBe(true);
      }
    }
  });

  it('gives the same result whatever the order of the ballots and candidates', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { candidates, ballots } = randomElection(seed, 6, 30);
      const once = countStv({ electionId: `e-${seed}`, seats: 3, candidates, ballots });
      expect(countStv({ electionId: `e-${seed}`, seats: 3, candidates: shuffled(candidates, seed), ballots: shuffled(ballots, seed + 3) })).toEqual(once);
    }
  });

  it('elects every candidate when there are no more candidates than seats', () => {
    const result = countStv({ electionId: 'e', seats: 3, candidates: ['a', 'b'], ballots: [['a'], ['a'], ['b']] });
    expect(result.winners).toEqual(['a', 'b']);
  });

  it('with one seat, elects the instant-runoff winner of the Tennessee example', () => {
    const ballots = [
      ...many(42, ['m', 'n', 'c', 'k']),
      ...many(26, ['n', 'c', 'k', 'm']),
      ...many(15, ['c', 'k', 'n', 'm']),
      ...many(17, ['k', 'c', 'n', 'm']),
    ];
    const candidates = ['m', 'n', 'c', 'k'];
    expect(countStv({ electionId: 'tn', seats: 1, candidates, ballots }).winners).toEqual(countInstantRunoff({ electionId: 'tn', candidates, ballots }).winners);
  });

  it('counts the demo election: a fractional surplus, an elimination, then a tie settled by the earlier round', () => {
    const ballots = [['dara', 'chen'], ['dara', 'eli'], ['chen', 'dara'], ['dara', 'gus'], ['eli', 'chen'], ['dara', 'chen'], ['gus', 'eli'], ['chen', 'eli'], ['dara', 'eli']];
    const result = countStv({ electionId: 'demo', seats: 2, candidates: ['chen', 'dara', 'eli', 'gus'], ballots });
    expect(result.quota).toBe('4.00000');
    expect(result.winners).toEqual(['dara', 'chen']);
    expect(result.rounds.map((r) => [r.counts, r.elected, r.eliminated])).toEqual([
      [{ chen: '2.00000', dara: '5.00000', eli: '1.00000', gus: '1.00000' }, ['dara'], []],
      [{ chen: '2.40000', eli: '1.40000', gus: '1.20000' }, [], ['gus']],
      [{ chen: '2.40000', eli: '2.40000' }, [], ['eli']],
      [{ chen: '3.40000' }, ['chen'], []],
    ]);
    expect(result.rounds[0]!.transfers[0]).toMatchObject({ kind: 'surplus', transferValue: '0.20000' });
    expect(result.rounds[2]!.tieBreaks).toEqual([{ among: ['chen', 'eli'], chosen: 'eli', rule: 'earlier-rounds' }]);
  });

  it('elects nobody without ballots', () => {
    expect(countStv({ electionId: 'e', seats: 2, candidates: ['a', 'b'], ballots: [['nobody']] })).toMatchObject({ winners: [], rounds: [], ballotsCounted: 0 });
  });
});
