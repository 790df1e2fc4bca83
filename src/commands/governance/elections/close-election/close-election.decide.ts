import type { ElectionClosed } from '../../../../events/governance/election-events.js';
import { countElection } from '../../../../governance/counting/index.js';
import { NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { latestBallots, type ElectionState } from '../election.state.js';
import type { CloseElection } from './close-election.command.js';

export function decideCloseElection(state: ElectionState, command: CloseElection): ElectionClosed[] {
  const { electionId, meta } = command;
  switch (state.status) {
    case 'none':
      throw new NotFound('election', electionId);
    case 'closed':
      throw new RuleBroken('already-closed', `election ${electionId} is already closed`);
    case 'called':
      break;
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled election state ${(unhandled as { status: string }).status}`);
    }
  }
  if (meta.now.getTime() < state.closesAt.getTime()) {
    throw new RuleBroken('voting-still-open', `voting on ${electionId} is open until ${state.closesAt.toISOString()}`);
  }
  const candidates = [...state.candidates.keys()].sort();
  // Voters in id order: the count does not depend on it, but the input an auditor rebuilds is then one list.
  const ballots = [...latestBallots(state).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, choices]) => choices);
  const { winners, rounds, ballotsCounted, quota } = countElection({ electionId, method: state.method, seats: state.seats, candidates, ballots });
  return [
    {
      type: 'governance.ElectionClosed',
      data: {
        electionId,
        role: state.role,
        seats: state.seats,
        method: state.method,
        candidates,
        winners,
        rounds,
        ballotsCounted,
        electorateSize: state.electorate.size,
        quota,
      },
    },
  ];
}
