import type { ProposalWithdrawn } from '../../../events/governance/proposal-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { ProposalState } from '../proposal.state.js';
import type { WithdrawProposal } from './withdraw-proposal.command.js';

export function decideWithdrawProposal(state: ProposalState, command: WithdrawProposal): ProposalWithdrawn[] {
  const { proposalId, actor, meta } = command;
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  if (actor.memberId !== state.authorId) throw new Forbidden('not-author', 'only the author may withdraw a proposal');
  switch (state.status) {
    case 'drafted':
    case 'submitted':
      break;
    case 'open':
      // Members who voted have spent their say on it: the proposal is theirs too from then on.
      if (Object.keys(state.votes).length > 0) throw new RuleBroken('has-votes', `proposal ${proposalId} has votes: it can no longer be withdrawn`);
      if (meta.now.getTime() >= state.closesAt.getTime()) throw new RuleBroken('voting-ended', `voting on ${proposalId} has ended`);
      break;
    case 'closed':
      throw new RuleBroken('proposal-closed', `proposal ${proposalId} is closed`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was already withdrawn`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  return [{ type: 'governance.ProposalWithdrawn', data: { proposalId, withdrawnBy: actor.memberId } }];
}
