import { createHash } from 'node:crypto';

/**
 * How a tie is settled, recorded in the round where it happened so an auditor can follow it:
 * `earlier-rounds` when the counts of earlier rounds told the candidates apart, `lot` when only
 * the deterministic lot order could (see docs/adr, elections).
 */
export interface TieBreak {
  among: string[];
  chosen: string;
  rule: 'earlier-rounds' | 'lot';
}

/**
 * The lot number of a candidate: hex SHA-256 of the UTF-8 bytes of electionId followed by
 * candidateId. Ids are fixed before any ballot is cast, so nobody can steer a tie after the fact,
 * and anyone can recompute it.
 */
export function lotNumber(electionId: string, candidateId: string): string {
  return createHash('sha256').update(electionId + candidateId, 'utf8').digest('hex');
}

/** Candidates in lot order: ascending lot number. The earlier a candidate, the more favoured in a tie. */
export function lotOrder(electionId: string, candidates: readonly string[]): string[] {
  return candidates
    .map((c) => ({ c, lot: lotNumber(electionId, c) }))
    .sort((a, b) => (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .map(({ c }) => c);
}

export type Side = 'most' | 'fewest';

/**
 * Chooses one of `tied` (equal in the current count). Forward tie-break: the earlier rounds are
 * read from the first on, and at each round only the candidates with the most (or fewest) votes
 * there stay in the running; if several remain after every earlier round, the lot decides: the
 * earliest in lot order when looking for the most, the latest when looking for the fewest.
 */
export function breakTie(electionId: string, tied: readonly string[], side: Side, earlierRounds: readonly ReadonlyMap<string, bigint>[]): TieBreak {
  if (tied.length === 0) throw new Error('breakTie needs at least one candidate');
  const among = [...tied].sort();
  let running = among;
  for (const counts of earlierRounds) {
    if (running.length === 1) break;
    const values = running.map((c) => counts.get(c) ?? 0n);
    const target = values.reduce((a, b) => (side === 'most' ? (b > a ? b : a) : b < a ? b : a));
    running = running.filter((_, i) => values[i] === target);
  }
  if (running.length === 1) return { among, chosen: running[0]!, rule: 'earlier-rounds' };
  const order = lotOrder(electionId, running);
  return { among, chosen: side === 'most' ? order[0]! : order[order.length - 1]!, rule: 'lot' };
}

/**
 * Orders candidates by count, most first; equal counts are ordered by repeated forward tie-breaks.
 * Returns the order and the tie-breaks that were needed.
 */
export function rankByCount(
  electionId: string,
  candidates: readonly string[],
  counts: ReadonlyMap<string, bigint>,
  earlierRounds: readonly ReadonlyMap<string, bigint>[],
): { order: string[]; tieBreaks: TieBreak[] } {
  const order: string[] = [];
  const tieBreaks: TieBreak[] = [];
  let rest = [...candidates];
  while (rest.length > 0) {
    const top = rest.reduce((a, c) => ((counts.get(c) ?? 0n) > a ? (counts.get(c) ?? 0n) : a), -1n);
    const tied = rest.filter((c) => (counts.get(c) ?? 0n) === top);
    let chosen = tied[0]!;
    if (tied.length > 1) {
      const tie = breakTie(electionId, tied, 'most', earlierRounds);
      tieBreaks.push(tie);
      chosen = tie.chosen;
    }
    order.push(chosen);
    rest = rest.filter((c) => c !== chosen);
  }
  return { order, tieBreaks };
}
