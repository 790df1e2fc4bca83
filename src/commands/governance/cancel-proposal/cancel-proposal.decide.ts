import type { ProposalCancelled } from '../../../events/governance/proposal-events.js';
import { REASON_MAX_CHARS } from '../../../events/governance/proposal-schemas.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { ProposalState } from '../proposal.state.js';
import type { CancelProposal } from './cancel-proposal.command.js';

export function decideCancelProposal(state: ProposalState, command: CancelProposal): ProposalCancelled[] {
  const { proposalId, actor, meta } = command;
  const reason = validReason(command.reason);
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  if (!actor.roles.includes('steward')) throw new Forbidden('not-steward', 'only a steward may cancel a proposal');
  switch (state.status) {
    case 'drafted':
    case 'submitted':
      break;
    case 'open':
      // Past the deadline the result is fixed, only not yet published: cancelling would hide it.
      if (meta.now.getTime() >= state.closesAt.getTime()) throw new RuleBroken('voting-ended', `voting on ${proposalId} has ended`);
      break;
    case 'closed':
      throw new RuleBroken('proposal-closed', `proposal ${proposalId} is closed`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was already cancelled`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  return [{ type: 'governance.ProposalCancelled', data: { proposalId, cancelledBy: actor.memberId, reason } }];
}

function validReason(reason: unknown): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  const chars = [...trimmed].length;
  if (chars < 1 || chars > REASON_MAX_CHARS) {
    throw new InvalidInput('reason', `reason must be 1-${REASON_MAX_CHARS} characters, not counting surrounding whitespace`);
  }
  return trimmed;
}
