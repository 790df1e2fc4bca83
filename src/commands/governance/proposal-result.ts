import {
  NO_CONFIDENCE_MIN_THRESHOLD_BPS,
  type Motion,
  type ProposalResult,
  type ProposalRules,
  type Tally,
  type VoteChoice,
} from '../../events/governance/proposal-events.js';

const BPS = 10_000;

export function tallyVotes(votes: Readonly<Record<string, VoteChoice>>): Tally {
  const tally: Tally = { yes: 0, no: 0, abstain: 0 };
  for (const choice of Object.values(votes)) tally[choice] += 1;
  return tally;
}

/** The rules a result is computed under: a no-confidence motion never needs less than two thirds. */
export function effectiveRules<R extends Pick<ProposalRules, 'quorumBps' | 'thresholdBps'>>(motion: Motion, rules: R): R {
  if (motion.kind !== 'no-confidence' || rules.thresholdBps >= NO_CONFIDENCE_MIN_THRESHOLD_BPS) return rules;
  return { ...rules, thresholdBps: NO_CONFIDENCE_MIN_THRESHOLD_BPS };
}

/**
 * Integer arithmetic only, cross-multiplied instead of divided, so that an auditor in any language
 * gets the same result at every boundary.
 */
export function resultOf(tally: Tally, electorateSize: number, rules: Pick<ProposalRules, 'quorumBps' | 'thresholdBps'>): ProposalResult {
  const cast = tally.yes + tally.no + tally.abstain;
  if (cast * BPS < rules.quorumBps * electorateSize) return 'no-quorum';
  // Strictly greater: a tie at the threshold does not pass, and with no yes or no votes nothing passes.
  if (tally.yes * BPS > rules.thresholdBps * (tally.yes + tally.no)) return 'passed';
  return 'rejected';
}
