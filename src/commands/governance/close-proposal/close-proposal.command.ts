import type { CommandMeta } from '../../shared/command-meta.js';

/** Close a proposal whose voting time is up; issued by the system, so it carries no signature. */
export interface CloseProposal {
  proposalId: string;
  meta: CommandMeta;
}
