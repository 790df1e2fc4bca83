import type { BallotCast } from '../../../../events/governance/election-events.js';
import { MAX_CANDIDATES } from '../../../../events/governance/election-schemas.js';
import { InvalidInput, NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { isInElectorate } from '../../voter.js';
import { assertFreshNonce } from '../election-acts.js';
import { phaseAt } from '../election-rules.js';
import { latestBallot, type ElectionState } from '../election.state.js';
import type { CastBallot } from './cast-ballot.command.js';

export function decideCastBallot(state: ElectionState, command: CastBallot): BallotCast[] {
  const { electionId, voter, nonce, meta } = command;
  const choices = validChoices(command.choices);
  assertFreshNonce(state, nonce);
  switch (state.status) {
    case 'none':
      throw new NotFound('election', electionId);
    case 'closed':
      throw new RuleBroken('ballot-after-close', `election ${electionId} is closed`);
    case 'called':
      break;
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled election state ${(unhandled as { status: string }).status}`);
    }
  }
  const phase = phaseAt(state, meta.now);
  if (phase === 'nominations') throw new RuleBroken('voting-not-open', `voting on ${electionId} opens when nominations close, at ${state.nominationsCloseAt.toISOString()}`);
  // The close is derived later by the system; the deadline, not the event, ends the vote.
  if (phase === 'counting') throw new RuleBroken('ballot-after-close', `voting on ${electionId} has ended`);
  if (!isInElectorate(voter, state.electorate.asOfPosition)) {
    throw new RuleBroken('not-in-electorate', 'only members verified when the election was called may vote');
  }
  const stranger = choices.find((c) => !state.candidates.has(c));
  if (stranger !== undefined) throw new RuleBroken('not-a-candidate', `${stranger} does not stand in this election`);
  // An approval ballot is a set: one spelling, so that an equal ballot is recognised. A ranking keeps its order.
  if (state.method === 'approval') choices.sort();
  const earlier = latestBallot(state, voter.memberId);
  if (earlier !== undefined && earlier.length === choices.length && earlier.every((c, i) => c === choices[i])) {
    throw new RuleBroken('same-ballot', 'this ballot is already the one that counts');
  }
  return [{ type: 'governance.BallotCast', data: { electionId, voterId: voter.memberId, choices, replacesEarlier: earlier !== undefined } }];
}

function validChoices(choices: unknown): string[] {
  if (!Array.isArray(choices) || choices.length < 1 || choices.length > MAX_CANDIDATES) {
    throw new InvalidInput('choices', `choices must list 1-${MAX_CANDIDATES} candidate ids`);
  }
  if (!choices.every((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 128)) {
    throw new InvalidInput('choices', 'choices must be candidate ids');
  }
  if (new Set(choices).size !== choices.length) throw new InvalidInput('choices', 'choices must not name a candidate twice');
  return [...choices];
}
