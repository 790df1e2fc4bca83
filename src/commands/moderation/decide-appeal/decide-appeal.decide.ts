import { APPEAL_OUTCOMES, type AppealDecided, type Visibility } from '../../../events/moderation/moderation-events.js';
import { REASON_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../moderation-text.js';
import type { ActionState, ModerationCase } from '../moderation.state.js';
import type { DecideAppeal } from './decide-appeal.command.js';

export function decideDecideAppeal(state: ModerationCase, command: DecideAppeal): AppealDecided[] {
  const { actionId, target, outcome, decider, nonce, meta } = command;
  if (!APPEAL_OUTCOMES.includes(outcome)) throw new InvalidInput('outcome', `outcome must be one of ${APPEAL_OUTCOMES.join(', ')}`);
  const reason = validText('reason', command.reason, REASON_MAX_CHARS);
  const action = state.actions.get(actionId);
  if (action === undefined) throw new NotFound('action', actionId);
  if (!decider.roles.includes('moderator') && !decider.roles.includes('arbiter')) {
    throw new Forbidden('not-moderator-or-arbiter', 'an appeal is decided by a moderator or an arbiter');
  }
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  switch (action.appeal.status) {
    case 'none':
      throw new RuleBroken('not-appealed', `action ${actionId} has not been appealed`);
    case 'decided':
      throw new RuleBroken('appeal-decided', `the appeal of action ${actionId} was already decided`);
    case 'pending':
      break;
    default: {
      const unhandled: never = action.appeal;
      throw new Error(`unhandled appeal state ${(unhandled as { status: string }).status}`);
    }
  }
  if (decider.memberId === action.moderatorId) throw new RuleBroken('same-moderator', 'the moderator who acted may not decide the appeal of their own action');
  if (decider.memberId === action.appeal.appellantId) throw new RuleBroken('own-appeal', 'nobody decides their own appeal');
  const overturned = outcome === 'overturned';
  return [
    {
      type: 'moderation.AppealDecided',
      data: {
        actionId,
        target,
        decidedBy: decider.memberId,
        outcome,
        reason,
        visibilityAfter: overturned ? visibilityRestored(state, action) : null,
        suspensionLifted: overturned && action.kind === 'suspend' && action.until !== null && Date.parse(action.until) > meta.now.getTime(),
      },
    },
  ];
}

/**
 * Overturning a hide or a removal shows the content again, unless a later action has since set how
 * it shows: that one stands on its own (and has its own appeal).
 */
function visibilityRestored(state: ModerationCase, action: ActionState): Visibility | null {
  if (action.kind !== 'hide' && action.kind !== 'remove') return null;
  return state.visibilitySetBy === action.actionId ? 'visible' : null;
}
