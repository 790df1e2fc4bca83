import type { VoteChoice } from '../../events/governance/proposal-events.js';
import { cycleThrough, delegateFor, noDelegations, tallyWithDelegations, withDelegation, type Delegations } from './delegation-resolution.js';

/** [delegator, delegate, topic?] */
const graph = (...edges: [string, string, string?][]): Delegations =>
  edges.reduce((g, [from, to, topic]) => withDelegation(g, from, topic ?? null, to), noDelegations);
const everyone = () => true;
const tally = (votes: Record<string, VoteChoice>, delegations: Delegations, topic: string | null = null, inElectorate: (id: string) => boolean = everyone) =>
  tallyWithDelegations({ votes, delegations, topic, inElectorate });

describe('delegateFor', () => {
  const g = graph(['a', 'b'], ['a', 'c', 'budget']);

  it('a topic delegation wins over the general one on its topic only', () => {
    expect(delegateFor(g, 'a', 'budget')).toBe('c');
    expect(delegateFor(g, 'a', 'parks')).toBe('b');
    expect(delegateFor(g, 'a', null)).toBe('b');
  });

  it('nobody holds the vote of a member who did not delegate', () => {
    expect(delegateFor(g, 'b', null)).toBeNull();
  });

  it('a revoked delegation is gone; the general one stays', () => {
    const revoked = withDelegation(g, 'a', 'budget', null);
    expect(delegateFor(revoked, 'a', 'budget')).toBe('b');
    expect(withDelegation(withDelegation(revoked, 'a', null, null), 'x', null, null).size).toBe(0);
  });
});

describe('tallyWithDelegations', () => {
  it('counts direct votes as direct and nothing as delegated without delegations', () => {
    expect(tally({ a: 'yes', b: 'no' }, noDelegations)).toEqual({ direct: { yes: 1, no: 1, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, carried: {} });
  });

  it('follows a chain: A -> B -> C, C votes, A and B go with C', () => {
    const result = tally({ c: 'no' }, graph(['a', 'b'], ['b', 'c']));
    expect(result.direct).toEqual({ yes: 0, no: 1, abstain: 0 });
    expect(result.delegated).toEqual({ yes: 0, no: 2, abstain: 0 });
    expect(result.carried).toEqual({ c: 2 });
  });

  it('a direct vote overrides the delegation, also for those who delegate through the voter', () => {
    const result = tally({ b: 'yes', c: 'no' }, graph(['a', 'b'], ['b', 'c']));
    expect(result.direct).toEqual({ yes: 1, no: 1, abstain: 0 });
    expect(result.delegated).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('a delegator who voted is counted once, directly', () => {
    expect(tally({ a: 'abstain', b: 'yes' }, graph(['a', 'b'])).delegated).toEqual({ yes: 0, no: 0, abstain: 0 });
  });

  it('a topic delegation wins over the general one on a proposal of that topic', () => {
    const g = graph(['a', 'b'], ['a', 'c', 'budget']);
    expect(tally({ b: 'yes', c: 'no' }, g, 'budget').delegated).toEqual({ yes: 0, no: 1, abstain: 0 });
    expect(tally({ b: 'yes', c: 'no' }, g, 'parks').delegated).toEqual({ yes: 1, no: 0, abstain: 0 });
    expect(tally({ b: 'yes', c: 'no' }, g, null).delegated).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('a chain that reaches nobody who voted carries nothing', () => {
    expect(tally({ x: 'yes' }, graph(['a', 'b'], ['b', 'c'])).delegated).toEqual({ yes: 0, no: 0, abstain: 0 });
  });

  it('a delegator outside the electorate carries no weight', () => {
    const result = tally({ b: 'yes' }, graph(['a', 'b'], ['z', 'b']), null, (id) => id !== 'z');
    expect(result.delegated).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('a delegate outside the electorate passes the chain on without weight of their own', () => {
    // b joined after the electorate was cut: b cannot vote, but a's weight still reaches c.
    const result = tally({ c: 'yes' }, graph(['a', 'b'], ['b', 'c']), null, (id) => id !== 'b');
    expect(result.delegated).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('stops on a loop instead of counting forever (the deciders never let one form)', () => {
    const loop = new Map([
      ['a', { general: 'b', byTopic: {} }],
      ['b', { general: 'a', byTopic: {} }],
    ]);
    expect(tally({ c: 'yes' }, loop).delegated).toEqual({ yes: 0, no: 0, abstain: 0 });
  });
});

describe('cycleThrough', () => {
  it('finds the cycle a new general delegation closes', () => {
    expect(cycleThrough(graph(['a', 'b'], ['b', 'c'], ['c', 'a']), 'a')).toEqual({ topic: null, members: ['a', 'b', 'c'] });
  });

  it('finds a cycle that only exists on one topic', () => {
    // c delegates budget to a; a's general delegation to b reaches c on budget proposals.
    expect(cycleThrough(graph(['c', 'a', 'budget'], ['b', 'c'], ['a', 'b']), 'a')).toEqual({ topic: 'budget', members: ['a', 'b', 'c'] });
  });

  it('a topic delegation elsewhere breaks the would-be cycle on that topic', () => {
    expect(cycleThrough(graph(['c', 'd', 'budget'], ['b', 'c'], ['a', 'b']), 'a')).toBeNull();
  });

  it('an acyclic graph has none', () => {
    expect(cycleThrough(graph(['a', 'b'], ['b', 'c']), 'a')).toBeNull();
  });
});
