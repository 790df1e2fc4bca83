import type { CandidacyWithdrawn } from '../../../../events/governance/election-events.js';
import { RuleBroken } from '../../../shared/domain-errors.js';
import { assertFreshNonce } from '../election-acts.js';
import { calledElection, phaseAt } from '../election-rules.js';
import type { ElectionState } from '../election.state.js';
import type { WithdrawCandidacy } from './withdraw-candidacy.command.js';

/** Only before nominations close: once ballots are cast, the list of candidates stays as the voters saw it. */
export function decideWithdrawCandidacy(state: ElectionState, command: WithdrawCandidacy): CandidacyWithdrawn[] {
  const { electionId, candidateId, nonce, meta } = command;
  assertFreshNonce(state, nonce);
  const election = calledElection(state, electionId);
  if (phaseAt(election, meta.now) !== 'nominations') throw new RuleBroken('nominations-closed', `nominations for ${electionId} are closed`);
  if (!election.candidates.has(candidateId)) throw new RuleBroken('not-a-candidate', 'this member does not stand in this election');
  return [{ type: 'governance.CandidacyWithdrawn', data: { electionId, candidateId } }];
}
