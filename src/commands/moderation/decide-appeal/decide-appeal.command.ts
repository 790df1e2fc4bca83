import type { Role } from '../../../events/members/member-events.js';
import type { AppealOutcome, ModerationTarget } from '../../../events/moderation/moderation-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/** Another moderator, or an arbiter, upholds or overturns an appealed action, with a public reason. */
export interface DecideAppeal {
  actionId: string;
  target: ModerationTarget;
  outcome: AppealOutcome;
  reason: string;
  decider: { memberId: string; roles: readonly Role[] };
  nonce: string;
  meta: CommandMeta;
}
