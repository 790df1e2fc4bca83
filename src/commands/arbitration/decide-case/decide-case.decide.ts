import { CASE_OUTCOMES, type CaseDecided } from '../../../events/arbitration/arbitration-events.js';
import { RATIONALE_MAX_CHARS } from '../../../events/arbitration/arbitration-schemas.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../../moderation/moderation-text.js';
import type { CaseState } from '../case.state.js';
import type { DecideCase } from './decide-case.command.js';

export function decideDecideCase(state: CaseState, command: DecideCase): CaseDecided[] {
  const { caseId, arbiterId, outcome, nonce } = command;
  if (!CASE_OUTCOMES.includes(outcome)) throw new InvalidInput('outcome', `outcome must be one of ${CASE_OUTCOMES.join(', ')}`);
  const rationale = validText('rationale', command.rationale, RATIONALE_MAX_CHARS);
  if (state.status === 'none') throw new NotFound('case', caseId);
  if (state.arbiterId !== arbiterId) throw new Forbidden('not-assigned-arbiter', 'only the arbiter assigned to the case decides it');
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (state.status === 'decided') throw new RuleBroken('case-decided', `case ${caseId} is already decided`);
  return [{ type: 'arbitration.CaseDecided', data: { caseId, arbiterId, outcome, rationale } }];
}
