import type { ProposalOpened } from '../../../events/governance/proposal-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { ProposalState } from '../proposal.state.js';
import type { OpenProposal } from './open-proposal.command.js';

/** Long enough that a vote cannot be opened and closed before anyone notices. */
export const MIN_VOTING_SECONDS = 60;
/** Short enough that the electorate cut at opening still resembles the community at closing. */
export const MAX_VOTING_DAYS = 90;

export function decideOpenProposal(state: ProposalState, command: OpenProposal): ProposalOpened[] {
  const { proposalId, actor, closesAt, electorate, meta } = command;
  assertClosesAt(closesAt, meta.now);
  if (!Number.isSafeInteger(electorate.asOfPosition) || electorate.asOfPosition < 0) {
    throw new InvalidInput('electorate.asOfPosition', 'asOfPosition must be a position in the global order');
  }
  if (!Number.isSafeInteger(electorate.size) || electorate.size < 0) {
    throw new InvalidInput('electorate.size', 'size must be a non-negative integer');
  }
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  if (actor.memberId !== state.authorId && !actor.roles.includes('steward')) {
    throw new Forbidden('not-author', 'only the author or a steward may open a proposal');
  }
  switch (state.status) {
    case 'submitted':
      break;
    case 'drafted':
      throw new RuleBroken('not-submitted', `proposal ${proposalId} is still a draft: its author submits it before it can be opened`);
    case 'open':
    case 'closed':
      throw new RuleBroken('already-opened', `proposal ${proposalId} was already opened`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  if (electorate.size === 0) throw new RuleBroken('empty-electorate', 'nobody is verified yet, so nobody could vote');
  return [
    {
      type: 'governance.ProposalOpened',
      data: {
        proposalId,
        openedBy: actor.memberId,
        closesAt: closesAt.toISOString(),
        rules: state.rules,
        electorate: { asOfPosition: electorate.asOfPosition, size: electorate.size },
      },
    },
  ];
}

function assertClosesAt(closesAt: Date, now: Date): void {
  const millis = closesAt instanceof Date ? closesAt.getTime() : Number.NaN;
  const earliest = now.getTime() + MIN_VOTING_SECONDS * 1000;
  const latest = now.getTime() + MAX_VOTING_DAYS * 24 * 60 * 60 * 1000;
  if (!(millis >= earliest && millis <= latest)) {
    throw new InvalidInput('closesAt', `closesAt must be between ${MIN_VOTING_SECONDS} seconds and ${MAX_VOTING_DAYS} days from now`);
  }
}
