import type { CaseOutcome } from '../../../events/arbitration/arbitration-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/** The assigned arbiter decides the case, with a rationale. */
export interface DecideCase {
  caseId: string;
  arbiterId: string;
  outcome: CaseOutcome;
  rationale: string;
  nonce: string;
  meta: CommandMeta;
}
