import { ACTION_KINDS, targetKey, type ActionTaken, type Visibility } from '../../../events/moderation/moderation-events.js';
import { REASON_MAX_CHARS, RULE_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../moderation-text.js';
import type { ModerationCase } from '../moderation.state.js';
import type { TakeAction } from './take-action.command.js';

export function decideTakeAction(state: ModerationCase, command: TakeAction): ActionTaken[] {
  const { actionId, target, kind, moderator, targetFacts, nonce, meta } = command;
  if (!ACTION_KINDS.includes(kind)) throw new InvalidInput('kind', `kind must be one of ${ACTION_KINDS.join(', ')}`);
  const rule = validText('rule', command.rule, RULE_MAX_CHARS);
  const reason = validText('reason', command.reason, REASON_MAX_CHARS);
  const until = validUntil(command);
  if (targetFacts.kind === 'missing') throw new NotFound(target.kind, targetKey(target));
  if (!moderator.roles.includes('moderator')) throw new Forbidden('not-moderator', 'only a moderator may act on reports');
  // Nobody judges their own case: content they wrote, or themselves.
  if (targetFacts.affectedMemberId === moderator.memberId) throw new RuleBroken('own-content', 'a moderator may not act on their own content or account');
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (state.actions.has(actionId)) throw new Conflict('action-exists', `action ${actionId} already exists`);
  for (const reportId of command.resolves) {
    if (!state.openReports.has(reportId)) throw new RuleBroken('report-not-open', `report ${reportId} is not an open report on this target`);
  }
  const visibilityAfter = visibilityAfterAction(state, command);
  if (kind === 'suspend' && until !== null && until.getTime() <= meta.now.getTime()) throw new InvalidInput('until', 'until must be in the future');
  return [
    {
      type: 'moderation.ActionTaken',
      data: {
        actionId,
        target,
        moderatorId: moderator.memberId,
        affectedMemberId: targetFacts.affectedMemberId,
        kind,
        rule,
        reason,
        until: until === null ? null : until.toISOString(),
        visibilityAfter,
        resolvedReports: [...new Set(command.resolves)],
      },
    },
  ];
}

function validUntil(command: TakeAction): Date | null {
  if (command.kind !== 'suspend') {
    if (command.until !== null) throw new InvalidInput('until', 'until is only for a suspension');
    return null;
  }
  if (command.until === null || Number.isNaN(command.until.getTime())) throw new InvalidInput('until', 'a suspension needs until, an ISO 8601 instant');
  return command.until;
}

/** What the action does to how the target shows; kinds that do not fit the target, or change nothing, are refused. */
function visibilityAfterAction(state: ModerationCase, { kind, target }: TakeAction): Visibility | null {
  const content = target.kind !== 'member';
  switch (kind) {
    case 'warn':
      return null;
    case 'suspend':
      if (content) throw new RuleBroken('not-applicable', 'only a member can be suspended; act on the author as a member');
      return null;
    case 'hide':
    case 'remove': {
      if (!content) throw new RuleBroken('not-applicable', `a member cannot be ${kind === 'hide' ? 'hidden' : 'removed'}; warn or suspend them`);
      const after: Visibility = kind === 'hide' ? 'hidden' : 'removed';
      if (state.visibility === after || state.visibility === 'removed') throw new RuleBroken(`already-${state.visibility}`, `the ${target.kind} is already ${state.visibility}`);
      return after;
    }
    case 'restore':
      if (!content) throw new RuleBroken('not-applicable', 'only content can be restored');
      if (state.visibility === 'visible') throw new RuleBroken('already-visible', `the ${target.kind} is visible`);
      return 'visible';
    default: {
      const unhandled: never = kind;
      throw new Error(`unhandled action kind ${String(unhandled)}`);
    }
  }
}
