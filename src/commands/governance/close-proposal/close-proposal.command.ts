import type { CommandMeta } from '../../shared/command-meta.js';
import type { Delegations } from '../delegation-resolution.js';
import type { MotionTarget } from '../motion.js';

/** Close a proposal whose voting time is up; issued by the system, so it carries no signature. */
export interface CloseProposal {
  proposalId: string;
  /** The delegation graph as of `asOfPosition` in the global order, recorded so anyone can recount. */
  delegations: { asOfPosition: number; graph: Delegations };
  /** Delegators who belong to the proposal's electorate (read by the handler from their streams). */
  delegatorsInElectorate: ReadonlySet<string>;
  /** The member a role motion names, as their stream says at the close; null for a general proposal. */
  target: MotionTarget | null;
  meta: CommandMeta;
}
