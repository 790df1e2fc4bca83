import type { StatementSubmitted } from '../../../events/arbitration/arbitration-events.js';
import { STATEMENT_MAX_CHARS } from '../../../events/arbitration/arbitration-schemas.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../../moderation/moderation-text.js';
import type { CaseState } from '../case.state.js';
import type { SubmitStatement } from './submit-statement.command.js';

export function decideSubmitStatement(state: CaseState, command: SubmitStatement): StatementSubmitted[] {
  const { caseId, partyId, nonce } = command;
  const statement = validText('statement', command.statement, STATEMENT_MAX_CHARS);
  if (state.status === 'none') throw new NotFound('case', caseId);
  if (!state.parties.includes(partyId)) throw new Forbidden('not-party', 'only a party of the dispute submits a statement');
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (state.status === 'decided') throw new RuleBroken('case-decided', `case ${caseId} is decided: statements are closed`);
  const revision = (state.statements.get(partyId) ?? 0) + 1;
  return [{ type: 'arbitration.StatementSubmitted', data: { caseId, partyId, statement, revision } }];
}
