import type { ProposalSubmitted } from '../../../events/governance/proposal-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { ProposalState } from '../proposal.state.js';
import type { SubmitProposal } from './submit-proposal.command.js';

export function decideSubmitProposal(state: ProposalState, command: SubmitProposal): ProposalSubmitted[] {
  const { proposalId, actor } = command;
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  if (actor.memberId !== state.authorId) throw new Forbidden('not-author', 'only the author may submit a proposal');
  switch (state.status) {
    case 'drafted':
      break;
    case 'submitted':
    case 'open':
    case 'closed':
      throw new RuleBroken('not-drafted', `proposal ${proposalId} was already submitted`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  return [{ type: 'governance.ProposalSubmitted', data: { proposalId, submittedBy: actor.memberId } }];
}
