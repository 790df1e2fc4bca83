import { recordOf, validChoices, type CountResult } from './round.js';
import { rankByCount } from './tie-break.js';

export interface ApprovalCount {
  electionId: string;
  seats: number;
  candidates: readonly string[];
  /** Each ballot: the candidates it approves. */
  ballots: readonly (readonly string[])[];
}

/**
 * Approval voting: one round. The `seats` candidates with the most approvals are elected, most
 * first; only approved candidates (at least one approval) can be elected. Ties at equal counts are
 * broken by lot (there are no earlier rounds).
 */
export function countApproval({ electionId, seats, candidates, ballots }: ApprovalCount): CountResult {
  const standing = new Set(candidates);
  const counts = new Map<string, bigint>(candidates.map((c) => [c, 0n]));
  let ballotsCounted = 0;
  for (const ballot of ballots) {
    const approved = validChoices(ballot, standing);
    if (approved.length === 0) continue;
    ballotsCounted += 1;
    for (const c of approved) counts.set(c, counts.get(c)! + 1n);
  }
  if (ballotsCounted === 0) return { winners: [], rounds: [], ballotsCounted, quota: null };
  const { order, tieBreaks } = rankByCount(electionId, [...standing], counts, []);
  const winners = order.filter((c) => counts.get(c)! > 0n).slice(0, seats);
  // Only the tie-breaks that decided who was elected matter: a tie wholly inside or outside the winners changes nothing.
  const decisive = tieBreaks.filter((t) => t.among.some((c) => winners.includes(c)) && t.among.some((c) => !winners.includes(c)));
  return {
    winners,
    rounds: [{ round: 1, counts: recordOf(counts, [...standing], 0), exhausted: '0', elected: winners, eliminated: [], transfers: [], tieBreaks: decisive }],
    ballotsCounted,
    quota: null,
  };
}
