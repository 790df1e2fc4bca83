import type { RankedCount } from './irv.js';
import { formatVotes, recordOf, validChoices, type CountingRound, type CountResult, type Transfer } from './round.js';
import { breakTie, rankByCount, type TieBreak } from './tie-break.js';

/** STV values are fixed-point with five decimals, as in the Scottish STV rules: 1 vote = 100000 units. */
export const STV_DECIMALS = 5;
const UNIT = 10n ** BigInt(STV_DECIMALS);

/**
 * Single transferable vote with the Droop quota and weighted inclusive Gregory transfers, in exact
 * integer arithmetic:
 * - quota = floor(ballots / (seats + 1)) + 1 whole votes;
 * - each round every continuing candidate's count is the sum of the weights of the ballots they hold;
 * - every continuing candidate at or above the quota is elected (most votes first); the surplus
 *   of each is transferred at once: every ballot they hold goes on to its next continuing
 *   preference with weight × transferValue, transferValue = surplus / total, both truncated to
 *   five decimals, and the candidate keeps the quota;
 * - if nobody reached the quota and the continuing candidates are no more than the seats left,
 *   they are all elected; otherwise the candidate with the fewest votes is eliminated (forward
 *   tie-break, then lot) and their ballots go on at their current weight.
 * Truncation can only lose fractions of a vote, never create them; the loss is what makes the
 * counts of a round sum to less than the ballots.
 */
export function countStv({ electionId, seats, candidates, ballots }: RankedCount): CountResult {
  const standing = new Set(candidates);
  const rankings = ballots.map((b) => validChoices(b, standing)).filter((r) => r.length > 0);
  const ballotsCounted = rankings.length;
  const quotaVotes = BigInt(Math.floor(ballotsCounted / (seats + 1)) + 1);
  const quota = quotaVotes * UNIT;
  if (ballotsCounted === 0) return { winners: [], rounds: [], ballotsCounted, quota: formatVotes(quota, STV_DECIMALS) };

  const continuing = new Set(standing);
  const winners: string[] = [];
  const rounds: CountingRound[] = [];
  const history: Map<string, bigint>[] = [];
  const holder: (string | null)[] = rankings.map((r) => r[0]!);
  const weight: bigint[] = rankings.map(() => UNIT);
  let exhausted = 0n;

  /** Moves every ballot held by `from` to its next continuing preference, each scaled by `tv` (in units). */
  const transferFrom = (from: string, kind: Transfer['kind'], tv: bigint): Transfer => {
    const to = new Map<string, bigint>();
    let lost = 0n;
    holder.forEach((h, i) => {
      if (h !== from) return;
      const w = (weight[i]! * tv) / UNIT;
      const next = rankings[i]!.find((c) => continuing.has(c)) ?? null;
      holder[i] = next;
      weight[i] = w;
      if (next === null) lost += w;
      else to.set(next, (to.get(next) ?? 0n) + w);
    });
    exhausted += lost;
    return { from, kind, transferValue: formatVotes(tv, STV_DECIMALS), to: recordOf(to, [...to.keys()], STV_DECIMALS), exhausted: formatVotes(lost, STV_DECIMALS) };
  };

  for (let round = 1; winners.length < seats && continuing.size > 0; round++) {
    const counts = new Map<string, bigint>([...continuing].map((c) => [c, 0n]));
    holder.forEach((h, i) => {
      if (h !== null && continuing.has(h)) counts.set(h, counts.get(h)! + weight[i]!);
    });
    const base = { round, counts: recordOf(counts, [...continuing], STV_DECIMALS), exhausted: formatVotes(exhausted, STV_DECIMALS) };
    const seatsLeft = seats - winners.length;
    const reached = [...continuing].filter((c) => counts.get(c)! >= quota);

    if (reached.length > 0 || continuing.size <= seatsLeft) {
      const pool = reached.length > 0 ? reached : [...continuing];
      const { order, tieBreaks } = rankByCount(electionId, pool, counts, history);
      const elected = order.slice(0, seatsLeft);
      // Tie-breaks among candidates who are all elected, or all left out, decided nothing.
      const decisive = tieBreaks.filter((t) => t.among.some((c) => elected.includes(c)) && t.among.some((c) => !elected.includes(c)));
      for (const c of elected) continuing.delete(c);
      winners.push(...elected);
      const transfers: Transfer[] = [];
      // Surpluses only matter while seats remain to be filled.
      if (winners.length < seats) {
        for (const c of elected) {
          const total = counts.get(c)!;
          const surplus = total - quota;
          if (surplus > 0n) transfers.push(transferFrom(c, 'surplus', (surplus * UNIT) / total));
        }
      }
      // Ballots kept by the elected stay with them: they leave the count without being exhausted.
      holder.forEach((h, i) => {
        if (h !== null && winners.includes(h)) holder[i] = null;
      });
      rounds.push({ ...base, elected, eliminated: [], transfers, tieBreaks: decisive });
      history.push(counts);
      continue;
    }

    const fewest = [...counts.values()].reduce((a, b) => (b < a ? b : a));
    const lowest = [...continuing].filter((c) => counts.get(c) === fewest);
    const tieBreaks: TieBreak[] = [];
    let loser = lowest[0]!;
    if (lowest.length > 1) {
      const tie = breakTie(electionId, lowest, 'fewest', history);
      tieBreaks.push(tie);
      loser = tie.chosen;
    }
    continuing.delete(loser);
    rounds.push({ ...base, elected: [], eliminated: [loser], transfers: [transferFrom(loser, 'elimination', UNIT)], tieBreaks });
    history.push(counts);
  }
  return { winners, rounds, ballotsCounted, quota: formatVotes(quota, STV_DECIMALS) };
}
