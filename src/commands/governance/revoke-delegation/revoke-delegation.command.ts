import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Take back one's delegation for a topic, or the general one (topic null). */
export interface RevokeDelegation {
  delegator: Voter;
  topic: unknown;
  nonce: string;
  meta: CommandMeta;
}
