import type { ModerationTarget } from '../../../events/moderation/moderation-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/** The member an action affects asks for it to be reviewed: once per action. */
export interface AppealAction {
  actionId: string;
  target: ModerationTarget;
  appellantId: string;
  statement: string;
  nonce: string;
  meta: CommandMeta;
}
