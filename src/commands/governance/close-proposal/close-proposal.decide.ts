import type { ProposalClosed } from '../../../events/governance/proposal-events.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { resultOf, tallyVotes } from '../proposal-result.js';
import type { ProposalState } from '../proposal.state.js';
import type { CloseProposal } from './close-proposal.command.js';

export function decideCloseProposal(state: ProposalState, command: CloseProposal): ProposalClosed[] {
  const { proposalId, meta } = command;
  switch (state.status) {
    case 'none':
      throw new NotFound('proposal', proposalId);
    case 'drafted':
    case 'submitted':
      throw new RuleBroken('proposal-not-open', `proposal ${proposalId} was never opened`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    case 'closed':
      throw new RuleBroken('already-closed', `proposal ${proposalId} is already closed`);
    case 'open':
      break;
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  if (meta.now.getTime() < state.closesAt.getTime()) {
    throw new RuleBroken('voting-still-open', `voting on ${proposalId} is open until ${state.closesAt.toISOString()}`);
  }
  const tally = tallyVotes(state.votes);
  const electorateSize = state.electorate.size;
  return [{ type: 'governance.ProposalClosed', data: { proposalId, result: resultOf(tally, electorateSize, state.rules), tally, electorateSize } }];
}
