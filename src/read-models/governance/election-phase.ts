import type { ElectionStatus } from '../../projections/governance/elections.fold.js';

/**
 * Where an election stands on the server's clock: clients show forms by this, never by their own
 * clock, which may be minutes off (and the server decides by its own).
 */
export type ElectionPhase = 'nominations' | 'voting' | 'counting' | 'closed';

export function electionPhase(election: { status: ElectionStatus; nominationsCloseAt: string; closesAt: string }, now: Date): ElectionPhase {
  switch (election.status) {
    case 'closed':
      return 'closed';
    case 'called':
      if (now.getTime() < Date.parse(election.nominationsCloseAt)) return 'nominations';
      if (now.getTime() < Date.parse(election.closesAt)) return 'voting';
      return 'counting';
    default: {
      const unhandled: never = election.status;
      throw new Error(`unhandled election status ${String(unhandled)}`);
    }
  }
}

/** The election as the API shows it: with its phase at `now`. */
export function withPhase<E extends { status: ElectionStatus; nominationsCloseAt: string; closesAt: string }>(election: E, now: Date): E & { phase: ElectionPhase } {
  return { ...election, phase: electionPhase(election, now) };
}
