import type { CandidacyDeclared } from '../../../../events/governance/election-events.js';
import { MAX_CANDIDATES, STATEMENT_MAX_CHARS } from '../../../../events/governance/election-schemas.js';
import { InvalidInput, RuleBroken } from '../../../shared/domain-errors.js';
import { assertFreshNonce } from '../election-acts.js';
import { calledElection, phaseAt } from '../election-rules.js';
import type { ElectionState } from '../election.state.js';
import type { DeclareCandidacy } from './declare-candidacy.command.js';

export function decideDeclareCandidacy(state: ElectionState, command: DeclareCandidacy): CandidacyDeclared[] {
  const { electionId, candidate, nonce, meta } = command;
  const statement = typeof command.statement === 'string' ? command.statement.trim() : null;
  if (statement === null || [...statement].length > STATEMENT_MAX_CHARS) {
    throw new InvalidInput('statement', `statement must be at most ${STATEMENT_MAX_CHARS} characters`);
  }
  assertFreshNonce(state, nonce);
  const election = calledElection(state, electionId);
  if (phaseAt(election, meta.now) !== 'nominations') throw new RuleBroken('nominations-closed', `nominations for ${electionId} are closed`);
  if (candidate.verification.kind !== 'verified') throw new RuleBroken('member-not-verified', 'only verified members may stand for election');
  if (election.candidates.has(candidate.memberId)) throw new RuleBroken('already-candidate', 'this member already stands in this election');
  if (election.candidates.size >= MAX_CANDIDATES) throw new RuleBroken('too-many-candidates', `at most ${MAX_CANDIDATES} candidates stand in one election`);
  return [{ type: 'governance.CandidacyDeclared', data: { electionId, candidateId: candidate.memberId, statement } }];
}
