import { AppendOnly } from './append-only.js';

describe('AppendOnly', () => {
  it('grows without changing the views it grew from', () => {
    const empty = AppendOnly.empty<number>();
    const one = empty.append(1);
    const two = one.append(2);
    expect([...empty]).toEqual([]);
    expect([...one]).toEqual([1]);
    expect([...two]).toEqual([1, 2]);
  });

  it('keeps two branches of one view apart', () => {
    const base = AppendOnly.empty<string>().append('a');
    const left = base.append('left');
    const right = base.append('right');
    expect([...left]).toEqual(['a', 'left']);
    expect([...right]).toEqual(['a', 'right']);
    expect([...left.append('more')]).toEqual(['a', 'left', 'more']);
    expect(right.includes('left')).toBe(false);
    expect(left.findLast((x) => x !== 'left')).toBe('a');
  });
});
