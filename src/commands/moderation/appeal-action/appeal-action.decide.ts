import type { ActionAppealed } from '../../../events/moderation/moderation-events.js';
import { STATEMENT_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../moderation-text.js';
import type { ModerationCase } from '../moderation.state.js';
import type { AppealAction } from './appeal-action.command.js';

export function decideAppealAction(state: ModerationCase, command: AppealAction): ActionAppealed[] {
  const { actionId, target, appellantId, nonce } = command;
  const statement = validText('statement', command.statement, STATEMENT_MAX_CHARS);
  const action = state.actions.get(actionId);
  if (action === undefined) throw new NotFound('action', actionId);
  if (action.affectedMemberId !== appellantId) throw new Forbidden('not-affected', 'only the member an action affects may appeal it');
  if (action.kind === 'restore') throw new RuleBroken('not-appealable', 'a restoration takes nothing from anyone: there is nothing to appeal');
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (action.appeal.status !== 'none') throw new RuleBroken('already-appealed', `action ${actionId} was already appealed: one appeal per action`);
  return [{ type: 'moderation.ActionAppealed', data: { actionId, target, appellantId, statement } }];
}
