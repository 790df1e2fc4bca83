import type { ProposalClosed } from '../../../events/governance/proposal-events.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { addTallies, tallyWithDelegations } from '../delegation-resolution.js';
import { motionApplies } from '../motion.js';
import { effectiveRules, resultOf } from '../proposal-result.js';
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
  const { direct, delegated } = tallyWithDelegations({
    votes: state.votes,
    delegations: command.delegations.graph,
    topic: state.topic,
    inElectorate: (memberId) => command.delegatorsInElectorate.has(memberId),
  });
  const tally = addTallies(direct, delegated);
  const electorateSize = state.electorate.size;
  let result = resultOf(tally, electorateSize, effectiveRules(state.motion, state.rules));
  // Checked again at the close: a motion that would change nothing any more does not pass.
  if (result === 'passed' && state.motion.kind !== 'general' && (command.target === null || !motionApplies(state.motion, command.target))) result = 'lapsed';
  return [
    {
      type: 'governance.ProposalClosed',
      data: { proposalId, result, tally, direct, delegated, electorateSize, delegationsAsOfPosition: command.delegations.asOfPosition },
    },
  ];
}
