import { assertMotionApplies, assertThresholdFits, validMotion, validTopic } from '../motion.js';
import type { ProposalRevised } from '../../../events/governance/proposal-events.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validBody, validRules, validTitle } from '../draft-proposal/draft-proposal.decide.js';
import type { ProposalState } from '../proposal.state.js';
import type { ReviseProposal } from './revise-proposal.command.js';

export function decideReviseProposal(state: ProposalState, command: ReviseProposal): ProposalRevised[] {
  const { proposalId, actor, nonce } = command;
  const title = validTitle(command.title);
  const body = validBody(command.body);
  const motion = validMotion(command.motion);
  const rules = validRules(command.rules, motion);
  const topic = validTopic(command.topic);
  assertThresholdFits(motion, rules);
  if (state.status === 'none') throw new NotFound('proposal', proposalId);
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used on this proposal');
  if (actor.memberId !== state.authorId) throw new Forbidden('not-author', 'only the author may revise a proposal');
  switch (state.status) {
    case 'drafted':
      break;
    case 'submitted':
    case 'open':
    case 'closed':
      throw new RuleBroken('not-drafted', `proposal ${proposalId} was submitted: it can no longer be revised`);
    case 'withdrawn':
      throw new RuleBroken('proposal-withdrawn', `proposal ${proposalId} was withdrawn by its author`);
    case 'cancelled':
      throw new RuleBroken('proposal-cancelled', `proposal ${proposalId} was cancelled by a steward`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  assertMotionApplies(motion, command.target);
  return [{ type: 'governance.ProposalRevised', data: { proposalId, revisedBy: actor.memberId, title, body, rules, motion, topic } }];
}
