import type { CommandMeta } from '../../shared/command-meta.js';

/** Join the community under a public handle; the private identity stays off the log (DESIGN §6). */
export interface RegisterMember {
  memberId: string;
  handle: string;
  meta: CommandMeta;
}
