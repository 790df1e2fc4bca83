/** Deterministic generators for the counting specs (a seeded LCG: the same elections every run). */
export const many = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => [...ballot]);

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed * 7919);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `voters` partial rankings over `size` candidates named c0, c1, ... */
export function randomElection(seed: number, size: number, voters: number): { candidates: string[]; ballots: string[][] } {
  const next = random(seed);
  const candidates = Array.from({ length: size }, (_, i) => `c${i}`);
  const ballots = Array.from({ length: voters }, (_, v) => shuffled(candidates, seed * 1000 + v).slice(0, 1 + Math.floor(next() * size)));
  return { candidates, ballots };
}
