import { VOTE_CHOICES, type VoteCast } from '../../../events/governance/proposal-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { ProposalState } from '../proposal.state.js';
import { isInElectorate } from '../voter.js';
import type { CastVote } from './cast-vote.command.js';

const MAX_NONCE_LENGTH = 128;

export function decideCastVote(state: ProposalState, command: CastVote): VoteCast[] {
  const { proposalId, voter, choice, nonce, meta } = command;
  if (!(VOTE_CHOICES as readonly unknown[]).includes(choice)) throw new InvalidInput('choice', `choice must be one of ${VOTE_CHOICES.join(', ')}`);
  if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) {
    throw new InvalidInput('nonce', `nonce must be 1-${MAX_NONCE_LENGTH} characters`);
  }
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  // Before any rule: with vote changes allowed, an old act replayed would silently revert a vote.
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used on this proposal');
  switch (state.status) {
    case 'drafted':
    case 'submitted':
      throw new RuleBroken('proposal-not-open', `proposal ${proposalId} is not open for voting yet`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    case 'closed':
      throw new RuleBroken('vote-after-close', `proposal ${proposalId} is closed`);
    case 'open':
      break;
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  // The close is derived later by the system; the deadline, not the event, ends the vote.
  if (meta.now.getTime() >= state.closesAt.getTime()) throw new RuleBroken('vote-after-close', `voting on ${proposalId} has ended`);
  if (!isInElectorate(voter, state.electorate.asOfPosition)) {
    throw new RuleBroken('not-in-electorate', 'only members verified when the proposal opened may vote');
  }
  const previousChoice = Object.hasOwn(state.votes, voter.memberId) ? state.votes[voter.memberId] : null;
  if (previousChoice !== null && !state.rules.allowVoteChange) throw new RuleBroken('already-voted', 'this proposal does not allow changing a vote');
  if (previousChoice === choice) throw new RuleBroken('same-vote', `the vote is already ${choice}`);
  return [{ type: 'governance.VoteCast', data: { proposalId, voterId: voter.memberId, choice, previousChoice } }];
}
