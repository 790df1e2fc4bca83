import { resultOf, tallyVotes } from './proposal-result.js';

const rules = (quorumBps: number, thresholdBps: number) => ({ quorumBps, thresholdBps });

describe('tallyVotes', () => {
  it('counts each voter once by their current choice', () => {
    expect(tallyVotes({ a: 'yes', b: 'no', c: 'yes', d: 'abstain' })).toEqual({ yes: 2, no: 1, abstain: 1 });
  });

  it('counts nothing when nobody voted', () => {
    expect(tallyVotes({})).toEqual({ yes: 0, no: 0, abstain: 0 });
  });
});

describe('resultOf', () => {
  describe('quorum', () => {
    it('is met exactly at the quorum: 20 % of 10 is 2 votes', () => {
      expect(resultOf({ yes: 2, no: 0, abstain: 0 }, 10, rules(2000, 5000))).toBe('passed');
    });

    it('is missed one vote below it', () => {
      expect(resultOf({ yes: 1, no: 0, abstain: 0 }, 10, rules(2000, 5000))).toBe('no-quorum');
    });

    it('counts abstentions', () => {
      expect(resultOf({ yes: 1, no: 0, abstain: 1 }, 10, rules(2000, 5000))).toBe('passed');
      expect(resultOf({ yes: 0, no: 0, abstain: 2 }, 10, rules(2000, 5000))).toBe('rejected');
    });

    it('rounds up, never down: 1/3 of 10 needs 4 votes', () => {
      expect(resultOf({ yes: 3, no: 0, abstain: 0 }, 10, rules(3334, 5000))).toBe('no-quorum');
      expect(resultOf({ yes: 4, no: 0, abstain: 0 }, 10, rules(3334, 5000))).toBe('passed');
    });

    it('at 100 % needs every member', () => {
      expect(resultOf({ yes: 9, no: 0, abstain: 0 }, 10, rules(10_000, 5000))).toBe('no-quorum');
      expect(resultOf({ yes: 9, no: 0, abstain: 1 }, 10, rules(10_000, 5000))).toBe('passed');
    });

    it('at 0 % is met by no votes at all, which then rejects', () => {
      expect(resultOf({ yes: 0, no: 0, abstain: 0 }, 10, rules(0, 0))).toBe('rejected');
    });
  });

  describe('threshold', () => {
    it('does not pass a tie at a simple majority', () => {
      expect(resultOf({ yes: 5, no: 5, abstain: 0 }, 10, rules(0, 5000))).toBe('rejected');
    });

    it('passes one vote past it', () => {
      expect(resultOf({ yes: 6, no: 5, abstain: 0 }, 11, rules(0, 5000))).toBe('passed');
    });

    it('does not pass exactly at a two-thirds threshold, passes just above it', () => {
      expect(resultOf({ yes: 6666, no: 3334, abstain: 0 }, 10_000, rules(0, 6666))).toBe('rejected');
      expect(resultOf({ yes: 6667, no: 3333, abstain: 0 }, 10_000, rules(0, 6666))).toBe('passed');
    });

    it('ignores abstentions in the share of yes', () => {
      expect(resultOf({ yes: 2, no: 1, abstain: 100 }, 103, rules(0, 6000))).toBe('passed');
    });

    it('at 0 passes on a single yes but not on none', () => {
      expect(resultOf({ yes: 1, no: 100, abstain: 0 }, 101, rules(0, 0))).toBe('passed');
      expect(resultOf({ yes: 0, no: 100, abstain: 0 }, 100, rules(0, 0))).toBe('rejected');
    });

    it('at 9999 passes only unanimously', () => {
      expect(resultOf({ yes: 9999, no: 1, abstain: 0 }, 10_000, rules(0, 9999))).toBe('rejected');
      expect(resultOf({ yes: 10_000, no: 0, abstain: 0 }, 10_000, rules(0, 9999))).toBe('passed');
    });

    it('rejects when only abstentions were cast', () => {
      expect(resultOf({ yes: 0, no: 0, abstain: 5 }, 5, rules(10_000, 0))).toBe('rejected');
    });
  });
});
