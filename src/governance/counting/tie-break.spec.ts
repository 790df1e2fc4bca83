import { createHash } from 'node:crypto';
import { breakTie, lotNumber, lotOrder, rankByCount } from './tie-break.js';

const counts = (entries: Record<string, number>): Map<string, bigint> => new Map(Object.entries(entries).map(([c, n]) => [c, BigInt(n)]));

describe('tie-break', () => {
  it('numbers a candidate by the SHA-256 of electionId followed by candidateId, which anyone can recompute', () => {
    expect(lotNumber('e-1', 'c-1')).toBe(createHash('sha256').update('e-1c-1').digest('hex'));
  });

  it('orders the lot by ascending lot number, whatever the input order', () => {
    const candidates = ['a', 'b', 'c', 'd', 'e'];
    const order = lotOrder('election', candidates);
    expect([...order].sort()).toEqual(candidates);
    expect(order.map((c) => lotNumber('election', c))).toEqual(candidates.map((c) => lotNumber('election', c)).sort());
    expect(lotOrder('election', [...candidates].reverse())).toEqual(order);
  });

  it('gives a different lot in another election, so no candidate id is lucky forever', () => {
    const candidates = Array.from({ length: 8 }, (_, i) => `c-${i}`);
    const orders = new Set(['e-1', 'e-2', 'e-3', 'e-4'].map((e) => lotOrder(e, candidates).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('eliminates the candidate with fewer votes at the first earlier round where they differ (forward)', () => {
    const rounds = [counts({ a: 5, b: 5, c: 5 }), counts({ a: 6, b: 4, c: 7 }), counts({ a: 3, b: 9, c: 1 })];
    expect(breakTie('e', ['a', 'b', 'c'], 'fewest', rounds)).toEqual({ among: ['a', 'b', 'c'], chosen: 'b', rule: 'earlier-rounds' });
    expect(breakTie('e', ['a', 'b', 'c'], 'most', rounds)).toEqual({ among: ['a', 'b', 'c'], chosen: 'c', rule: 'earlier-rounds' });
  });

  it('narrows round by round: those tied at the extreme in one round are compared in the next', () => {
    const rounds = [counts({ a: 2, b: 2, c: 3 }), counts({ a: 4, b: 3, c: 1 })];
    expect(breakTie('e', ['a', 'b', 'c'], 'most', rounds)).toMatchObject({ chosen: 'c', rule: 'earlier-rounds' });
    expect(breakTie('e', ['a', 'b', 'c'], 'fewest', rounds)).toMatchObject({ chosen: 'b', rule: 'earlier-rounds' });
  });

  it('falls back to the lot when every earlier round was tied too: first in lot order is favoured, last is eliminated', () => {
    const order = lotOrder('e-9', ['x', 'y', 'z']);
    const rounds = [counts({ x: 1, y: 1, z: 1 })];
    expect(breakTie('e-9', ['z', 'y', 'x'], 'most', rounds)).toEqual({ among: ['x', 'y', 'z'], chosen: order[0], rule: 'lot' });
    expect(breakTie('e-9', ['x', 'y', 'z'], 'fewest', [])).toEqual({ among: ['x', 'y', 'z'], chosen: order[2], rule: 'lot' });
  });

  it('ranks by count, most first, breaking each tie', () => {
    const { order, tieBreaks } = rankByCount('e', ['a', 'b', 'c', 'd'], counts({ a: 1, b: 3, c: 3, d: 2 }), [counts({ a: 1, b: 1, c: 2, d: 2 })]);
    expect(order).toEqual(['c', 'b', 'd', 'a']);
    expect(tieBreaks).toEqual([{ among: ['b', 'c'], chosen: 'c', rule: 'earlier-rounds' }]);
  });
});
