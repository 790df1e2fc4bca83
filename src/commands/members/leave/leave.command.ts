import type { CommandMeta } from '../../shared/command-meta.js';

/** Leave the community: private data is erased, the public handle and past acts stay on the log. */
export interface Leave {
  memberId: string;
  meta: CommandMeta;
}
