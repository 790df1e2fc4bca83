import type { CommandMeta } from '../../shared/command-meta.js';

/**
 * Make the first steward of a new community. Only possible while there is none: afterwards roles
 * are granted by passed proposals.
 */
export interface BootstrapSteward {
  memberId: string;
  /** Read by the handler from the stewards read model; a member's own stream cannot know it. */
  stewardsExist: boolean;
  meta: CommandMeta;
}
