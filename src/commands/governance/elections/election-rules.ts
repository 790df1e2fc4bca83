import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { CalledElection, ElectionState } from './election.state.js';

/** The election, if it exists and is not closed yet; what every member act on it starts with. */
export function calledElection(state: ElectionState, electionId: string): CalledElection {
  switch (state.status) {
    case 'none':
      throw new NotFound('election', electionId);
    case 'closed':
      throw new RuleBroken('election-closed', `election ${electionId} is closed`);
    case 'called':
      return state;
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled election state ${(unhandled as { status: string }).status}`);
    }
  }
}

/** Where a called election stands at `now`. */
export function phaseAt(election: CalledElection, now: Date): 'nominations' | 'voting' | 'counting' {
  if (now.getTime() < election.nominationsCloseAt.getTime()) return 'nominations';
  if (now.getTime() < election.closesAt.getTime()) return 'voting';
  return 'counting';
}
