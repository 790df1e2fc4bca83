import type { TieBreak } from './tie-break.js';

/**
 * Votes are exact decimal strings: whole numbers for approval and instant runoff, five decimals
 * for STV (its fractional transfers are fixed-point, truncated; see stv.ts). Never floats.
 */
export type Votes = string;

/** Where the votes of an elected candidate's surplus, or of an eliminated candidate, went. */
export interface Transfer {
  from: string;
  kind: 'surplus' | 'elimination';
  /** The weight each ballot carries on: surplus / total for a surplus, 1 for an elimination. */
  transferValue: Votes;
  /** Continuing candidate -> votes received (only those that received some). */
  to: Record<string, Votes>;
  /** Votes that found no further continuing preference. */
  exhausted: Votes;
}

/** One counting round, as published in the result. */
export interface CountingRound {
  round: number;
  /** The count of every candidate still in the running at this round (elected ones included in the round they are elected). */
  counts: Record<string, Votes>;
  /** Total votes exhausted so far (no continuing preference). */
  exhausted: Votes;
  /** Elected in this round, in order of election. */
  elected: string[];
  /** Eliminated in this round. */
  eliminated: string[];
  /** Transfers made at the end of this round; their result is the next round's counts. */
  transfers: Transfer[];
  tieBreaks: TieBreak[];
}

export interface CountResult {
  /** Candidate ids in the order they were elected. */
  winners: string[];
  rounds: CountingRound[];
  /** Ballots with at least one valid choice. */
  ballotsCounted: number;
  /** The STV Droop quota, null for the other methods. */
  quota: Votes | null;
}

/** Formats a fixed-point value of `decimals` digits after the point. */
export function formatVotes(value: bigint, decimals: number): Votes {
  if (decimals === 0) return value.toString();
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(decimals, '0');
  return `${whole}.${fraction}`;
}

export function recordOf(counts: ReadonlyMap<string, bigint>, candidates: readonly string[], decimals: number): Record<string, Votes> {
  const out: Record<string, Votes> = {};
  for (const c of [...candidates].sort()) out[c] = formatVotes(counts.get(c) ?? 0n, decimals);
  return out;
}

/** The choices of a ballot that name candidates, in order, each once; anything else is skipped. */
export function validChoices(choices: readonly string[], candidates: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of choices) {
    if (!candidates.has(c) || seen.has(c)) continue;
    seen.add(c);
    out.push(c);
  }
  return out;
}
