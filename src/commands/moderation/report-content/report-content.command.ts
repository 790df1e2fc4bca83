import type { ModerationTarget, ReportCategory } from '../../../events/moderation/moderation-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { TargetFacts } from '../target-facts.js';

/** Report a proposal, a comment or a member to the moderators, with a reason category and a note. */
export interface ReportContent {
  reportId: string;
  target: ModerationTarget;
  reporterId: string;
  category: ReportCategory;
  note: string;
  /** Read by the handler from the target's own streams. */
  targetFacts: TargetFacts;
  nonce: string;
  meta: CommandMeta;
}
