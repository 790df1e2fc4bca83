import type { Role } from '../../../events/members/member-events.js';
import type { ActionKind, ModerationTarget } from '../../../events/moderation/moderation-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { TargetFacts } from '../target-facts.js';

/** A moderator acts on a target, citing a rule and a public reason; it may resolve open reports on it. */
export interface TakeAction {
  actionId: string;
  target: ModerationTarget;
  kind: ActionKind;
  rule: string;
  reason: string;
  /** When a suspension ends; null for every other kind. */
  until: Date | null;
  resolves: readonly string[];
  /** The acting member's id and roles, from their own stream. */
  moderator: { memberId: string; roles: readonly Role[] };
  targetFacts: TargetFacts;
  nonce: string;
  meta: CommandMeta;
}
