import type { Tally, VoteChoice } from '../../events/governance/proposal-events.js';

/** One member's delegations: the general one, and one per topic that wins over it. */
export interface DelegationsOf {
  general: string | null;
  byTopic: Readonly<Record<string, string>>;
}

/** delegatorId -> their delegations. Pure data, so a tally can be recomputed from the log alone. */
export type Delegations = ReadonlyMap<string, DelegationsOf>;

export const noDelegations: Delegations = new Map();

/** Who holds the member's vote on a proposal of `topic` (null topic: only the general delegation). */
export function delegateFor(delegations: Delegations, memberId: string, topic: string | null): string | null {
  const of = delegations.get(memberId);
  if (of === undefined) return null;
  if (topic !== null && Object.hasOwn(of.byTopic, topic)) return of.byTopic[topic]!;
  return of.general;
}

/** The delegations after `delegatorId` gives (delegateId) or takes back (null) their vote for `topic`. */
export function withDelegation(delegations: Delegations, delegatorId: string, topic: string | null, delegateId: string | null): Delegations {
  const next = new Map(delegations);
  const current = delegations.get(delegatorId) ?? { general: null, byTopic: {} };
  let updated: DelegationsOf;
  if (topic === null) {
    updated = { ...current, general: delegateId };
  } else {
    const byTopic = { ...current.byTopic };
    if (delegateId === null) delete byTopic[topic];
    else byTopic[topic] = delegateId;
    updated = { ...current, byTopic };
  }
  if (updated.general === null && Object.keys(updated.byTopic).length === 0) next.delete(delegatorId);
  else next.set(delegatorId, updated);
  return next;
}

/** Every topic some delegation names: the graphs of all other topics are the general graph. */
function topicsOf(delegations: Delegations): (string | null)[] {
  const topics = new Set<string>();
  for (const of of delegations.values()) for (const topic of Object.keys(of.byTopic)) topics.add(topic);
  return [null, ...[...topics].sort()];
}

/**
 * A cycle through `memberId` in the delegation graph of any topic, as the members on it
 * (starting with `memberId`), or null. The graphs before a change were acyclic, so a cycle the
 * change closes passes through the member who changed their delegations: checking them suffices.
 */
export function cycleThrough(delegations: Delegations, memberId: string): { topic: string | null; members: string[] } | null {
  for (const topic of topicsOf(delegations)) {
    const members = [memberId];
    const seen = new Set(members);
    for (let next = delegateFor(delegations, memberId, topic); next !== null; next = delegateFor(delegations, next, topic)) {
      if (next === memberId) return { topic, members };
      // A cycle not through memberId predates the change: impossible when every change is checked.
      if (seen.has(next)) break;
      seen.add(next);
      members.push(next);
    }
  }
  return null;
}

export interface DelegatedTally {
  /** The votes members cast themselves. */
  direct: Tally;
  /** The weight of electorate members who did not vote, given to the choice their chain of delegates ends on. */
  delegated: Tally;
  /** voterId -> how many delegated votes followed their choice. */
  carried: Readonly<Record<string, number>>;
}

export interface TallyInput {
  /** voterId -> choice of every member who voted directly (all in the electorate). */
  votes: Readonly<Record<string, VoteChoice>>;
  delegations: Delegations;
  topic: string | null;
  /** Whether a member belongs to the proposal's electorate: only they carry weight. */
  inElectorate(memberId: string): boolean;
}

/**
 * Direct and delegated weight, one vote per electorate member. A member who voted counts
 * directly (a direct vote overrides their delegation). A member who did not vote gives their
 * weight to the first member along their chain (topic delegation first, else the general one)
 * who voted; members outside the electorate pass the chain on but add no weight of their own.
 * A chain that reaches nobody who voted, or loops (which the deciders never let happen), carries
 * nothing.
 */
export function tallyWithDelegations({ votes, delegations, topic, inElectorate }: TallyInput): DelegatedTally {
  const direct: Tally = { yes: 0, no: 0, abstain: 0 };
  const delegated: Tally = { yes: 0, no: 0, abstain: 0 };
  const carried: Record<string, number> = {};
  for (const choice of Object.values(votes)) direct[choice] += 1;
  for (const delegatorId of [...delegations.keys()].sort()) {
    if (Object.hasOwn(votes, delegatorId) || !inElectorate(delegatorId)) continue;
    const seen = new Set([delegatorId]);
    for (let next = delegateFor(delegations, delegatorId, topic); next !== null && !seen.has(next); next = delegateFor(delegations, next, topic)) {
      if (Object.hasOwn(votes, next)) {
        delegated[votes[next]!] += 1;
        carried[next] = (carried[next] ?? 0) + 1;
        break;
      }
      seen.add(next);
    }
  }
  return { direct, delegated, carried };
}

export const addTallies = (a: Tally, b: Tally): Tally => ({ yes: a.yes + b.yes, no: a.no + b.no, abstain: a.abstain + b.abstain });
