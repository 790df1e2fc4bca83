import { formatVotes, recordOf, validChoices, type CountingRound, type CountResult, type Transfer } from './round.js';
import { breakTie, type TieBreak } from './tie-break.js';

export interface RankedCount {
  electionId: string;
  seats: number;
  candidates: readonly string[];
  /** Each ballot: candidate ids, most preferred first. */
  ballots: readonly (readonly string[])[];
}

/**
 * Instant runoff for one seat. Each round every ballot counts for its highest-ranked continuing
 * candidate. A candidate with more than half of the continuing votes (exhausted ballots no longer
 * count) is elected; otherwise the candidate with the fewest votes is eliminated (ties: forward
 * tie-break, then lot) and their ballots move to their next continuing preference.
 */
export function countInstantRunoff({ electionId, candidates, ballots }: Omit<RankedCount, 'seats'>): CountResult {
  const standing = new Set(candidates);
  const rankings = ballots.map((b) => validChoices(b, standing)).filter((r) => r.length > 0);
  const ballotsCounted = rankings.length;
  if (ballotsCounted === 0) return { winners: [], rounds: [], ballotsCounted, quota: null };
  const continuing = new Set(standing);
  const rounds: CountingRound[] = [];
  const history: Map<string, bigint>[] = [];
  let exhausted = 0n;
  // Each ballot is held by its highest-ranked continuing candidate, or by nobody once exhausted.
  const holder: (string | null)[] = rankings.map((r) => r[0]!);
  for (let round = 1; ; round++) {
    const counts = new Map<string, bigint>([...continuing].map((c) => [c, 0n]));
    for (const h of holder) if (h !== null) counts.set(h, counts.get(h)! + 1n);
    const total = [...counts.values()].reduce((a, b) => a + b, 0n);
    const top = [...counts.values()].reduce((a, b) => (b > a ? b : a), 0n);
    const base = { round, counts: recordOf(counts, [...continuing], 0), exhausted: formatVotes(exhausted, 0) };
    if (top * 2n > total || continuing.size === 1) {
      const leaders = [...continuing].filter((c) => counts.get(c) === top);
      // Only one candidate can hold a strict majority; a lone continuing candidate is elected outright.
      const winner = leaders[0]!;
      rounds.push({ ...base, elected: [winner], eliminated: [], transfers: [], tieBreaks: [] });
      return { winners: [winner], rounds, ballotsCounted, quota: null };
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
    const to = new Map<string, bigint>();
    let lost = 0n;
    holder.forEach((h, i) => {
      if (h !== loser) return;
      const next = rankings[i]!.find((c) => continuing.has(c)) ?? null;
      holder[i] = next;
      if (next === null) lost += 1n;
      else to.set(next, (to.get(next) ?? 0n) + 1n);
    });
    exhausted += lost;
    const transfer: Transfer = { from: loser, kind: 'elimination', transferValue: '1', to: recordOf(to, [...to.keys()], 0), exhausted: formatVotes(lost, 0) };
    rounds.push({ ...base, elected: [], eliminated: [loser], transfers: [transfer], tieBreaks });
    history.push(counts);
  }
}
