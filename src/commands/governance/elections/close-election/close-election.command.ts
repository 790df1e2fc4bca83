import type { CommandMeta } from '../../../shared/command-meta.js';

/** Close an election whose voting time is up and count it; issued by the system, so it carries no signature. */
export interface CloseElection {
  electionId: string;
  meta: CommandMeta;
}
