import type { Motion, ProposalDrafted, ProposalRules } from '../../../events/governance/proposal-events.js';
import { BODY_MAX_CHARS, BPS_SCALE, TITLE_MAX_CHARS } from '../../../events/governance/proposal-schemas.js';
import { Conflict, InvalidInput, RuleBroken } from '../../shared/domain-errors.js';
import { assertMotionApplies, assertThresholdFits, statedOrDefaultThreshold, validMotion, validTopic } from '../motion.js';
import type { ProposalState } from '../proposal.state.js';
import type { DraftProposal } from './draft-proposal.command.js';

export function decideDraftProposal(state: ProposalState, command: DraftProposal): ProposalDrafted[] {
  const title = validTitle(command.title);
  const body = validBody(command.body);
  const motion = validMotion(command.motion);
  const rules = validRules(command.rules, motion);
  const topic = validTopic(command.topic);
  assertThresholdFits(motion, rules);
  switch (state.status) {
    case 'none':
      break;
    case 'drafted':
    case 'submitted':
    case 'open':
    case 'closed':
    case 'withdrawn':
    case 'cancelled':
      throw new Conflict('proposal-exists', `proposal ${command.proposalId} already exists`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled proposal state ${(unhandled as { status: string }).status}`);
    }
  }
  if (command.author.verification.kind !== 'verified') {
    throw new RuleBroken('member-not-verified', 'only verified members may propose');
  }
  assertMotionApplies(motion, command.target);
  return [{ type: 'governance.ProposalDrafted', data: { proposalId: command.proposalId, authorId: command.author.memberId, title, body, rules, motion, topic } }];
}

/** Characters are counted as code points, as a person counts them (and as class-validator's length does). */
const chars = (text: string): number => [...text].length;

export function validTitle(title: unknown): string {
  const trimmed = typeof title === 'string' ? title.trim() : '';
  if (chars(trimmed) < 1 || chars(trimmed) > TITLE_MAX_CHARS) {
    throw new InvalidInput('title', `title must be 1-${TITLE_MAX_CHARS} characters, not counting surrounding whitespace`);
  }
  return trimmed;
}

export function validBody(body: unknown): string {
  if (typeof body !== 'string' || chars(body) > BODY_MAX_CHARS) {
    throw new InvalidInput('body', `body must be at most ${BODY_MAX_CHARS} characters`);
  }
  return body;
}

/** The rules as recorded: the threshold as stated, or two thirds for a no-confidence motion that states none. */
export function validRules(rules: DraftProposal['rules'] | null | undefined, motion: Motion): ProposalRules {
  if (typeof rules !== 'object' || rules === null) throw new InvalidInput('rules', 'rules must be an object');
  const { quorumBps, allowVoteChange } = rules;
  if (!isIntegerBetween(quorumBps, 0, BPS_SCALE)) {
    throw new InvalidInput('rules.quorumBps', `quorumBps must be an integer from 0 to ${BPS_SCALE}`);
  }
  const thresholdBps = statedOrDefaultThreshold(motion, rules.thresholdBps);
  // 10000 could never be exceeded: a threshold nobody can pass is a mistake, not a rule.
  if (!isIntegerBetween(thresholdBps, 0, BPS_SCALE - 1)) {
    throw new InvalidInput('rules.thresholdBps', `thresholdBps must be an integer from 0 to ${BPS_SCALE - 1}`);
  }
  if (typeof allowVoteChange !== 'boolean') throw new InvalidInput('rules.allowVoteChange', 'allowVoteChange must be a boolean');
  return { method: 'yes-no-abstain', quorumBps, thresholdBps, allowVoteChange };
}

function isIntegerBetween(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
