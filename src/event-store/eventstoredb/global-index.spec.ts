import { GlobalIndex, type IndexEntry } from './global-index.js';

const entry = (commit: bigint, id: string, type = 'governance.VoteCast', stream = 's', revision = 0): IndexEntry => ({
  position: { commit, prepare: commit },
  id,
  stream,
  revision,
  type,
  contentSha256: `hash-${id}`,
});

describe('the dense global index over $all', () => {
  it('numbers events 0, 1, 2… in $all order whatever their sparse $all positions', () => {
    const index = new GlobalIndex();
    expect(index.size).toBe(0);
    expect(index.last).toBeUndefined();
    expect([index.add(entry(128n, 'a')), index.add(entry(4_096n, 'b')), index.add(entry(90_000n, 'c'))]).toEqual([0, 1, 2]);
    expect(index.size).toBe(3);
    expect(index.positionOf('b')).toBe(1);
    expect(index.at(2)!.position).toEqual({ commit: 90_000n, prepare: 90_000n });
    expect(index.last).toEqual({ commit: 90_000n, prepare: 90_000n });
  });

  it('refuses an event that is not after the last one (a catch-up that would renumber)', () => {
    const index = new GlobalIndex();
    index.add(entry(500n, 'a'));
    expect(() => index.add(entry(500n, 'b'))).toThrow(/not after/);
    expect(() => index.add(entry(100n, 'c'))).toThrow(/not after/);
    expect(index.size).toBe(1);
  });

  it('refuses an id seen twice', () => {
    const index = new GlobalIndex();
    index.add(entry(1n, 'a'));
    expect(() => index.add(entry(2n, 'a'))).toThrow(/twice/);
  });

  it('knows which $all positions it covers, so a catch-up from the last one skips it', () => {
    const index = new GlobalIndex();
    expect(index.covers({ commit: 0n, prepare: 0n })).toBe(false);
    index.add(entry(10n, 'a'));
    expect(index.covers({ commit: 10n, prepare: 10n })).toBe(true);
    expect(index.covers({ commit: 11n, prepare: 11n })).toBe(false);
  });

  it('turns a dense checkpoint into the $all position to resume after: that of the event before it', () => {
    const index = new GlobalIndex();
    [128n, 4_096n, 90_000n].forEach((commit, i) => index.add(entry(commit, `e${i}`)));
    expect(index.resumeAfter(0)).toBe('start');
    expect(index.resumeAfter(1)).toEqual({ commit: 128n, prepare: 128n });
    expect(index.resumeAfter(3)).toEqual({ commit: 90_000n, prepare: 90_000n });
    // A checkpoint past what is indexed yet: the caller waits for the log to reach it.
    expect(index.resumeAfter(4)).toBe('ahead');
  });

  it('selects positions from a start, filtered by type, at most maxCount matches', () => {
    const index = new GlobalIndex();
    ['x', 'y', 'x', 'z', 'x'].forEach((type, i) => index.add(entry(BigInt(i + 1) * 100n, `e${i}`, type)));
    expect(index.select(0, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(index.select(1, 2)).toEqual([1, 2]);
    expect(index.select(0, 10, new Set(['x']))).toEqual([0, 2, 4]);
    expect(index.select(3, 1, new Set(['x']))).toEqual([4]);
    expect(index.select(5, 10)).toEqual([]);
  });
});
