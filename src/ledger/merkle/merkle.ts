import { createHash, hash } from 'node:crypto';

/**
 * RFC 6962 §2.1 Merkle tree maths, as pure functions over SHA-256 hashes (32-byte Buffers).
 * Sizes and indexes are JS numbers (safe integers); halving uses arithmetic, never 32-bit ops.
 */

export const HASH_SIZE = 32;

export function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, entry]), 'buffer');
}

// One-shot hashing of a reused buffer: a Hash object per node costs more than the hashing itself.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE, NODE_PREFIX);

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(NODE_PREFIX, left, right);
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256();

/** The largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const half = (x: number): number => Math.floor(x / 2);
const odd = (x: number): boolean => x % 2 === 1;

/** MTH of the given leaf hashes (RFC 6962 §2.1), computed with a compact range: O(log n) extra memory. */
export function treeHash(leafHashes: readonly Uint8Array[]): Buffer {
  const range = new CompactRange();
  for (const h of leafHashes) range.append(h);
  return range.root();
}

/** A complete subtree: level l, index i covers leaves [i·2^l, (i+1)·2^l). */
export interface NodeId {
  level: number;
  index: number;
}

/** Where the hashes of complete subtrees come from (stored tiles, an in-memory array, …). */
export type HashSource = (level: number, index: number) => Uint8Array;

/** A subtree [start, end) of a tree as RFC 6962 proofs use it: start is aligned, end may be the right edge. */
export interface Span {
  start: number;
  end: number;
}

/** The complete subtrees, left to right, whose fold is the hash of the span (largest first). */
export function spanNodes(span: Span): NodeId[] {
  const nodes: NodeId[] = [];
  let start = span.start;
  while (start < span.end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= span.end - start && start % (size * 2) === 0) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: start / size });
    start += size;
  }
  return nodes;
}

/** The hash of a span from complete-subtree hashes: fold right to left, as RFC 6962 splits. */
export function spanHash(span: Span, source: HashSource): Buffer {
  if (span.end <= span.start) return EMPTY_ROOT;
  const nodes = spanNodes(span);
  let hash: Buffer = Buffer.from(source(nodes[nodes.length - 1].level, nodes[nodes.length - 1].index));
  for (let i = nodes.length - 2; i >= 0; i--) hash = nodeHash(source(nodes[i].level, nodes[i].index), hash);
  return hash;
}

/** RFC 6962 §2.1.1 PATH(index, D[0:size]) as spans, from the leaf's sibling up. */
export function inclusionSpans(index: number, size: number): Span[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`no inclusion proof for index ${index} in a tree of ${size}`);
  }
  const spans: Span[] = [];
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      spans.push({ start: start + k, end });
      end = start + k;
    } else {
      spans.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return spans.reverse();
}

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]) as spans, in proof order. */
export function consistencySpans(m: number, n: number): Span[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) {
    throw new RangeError(`no consistency proof from ${m} to ${n}`);
  }
  if (m === 0 || m === n) return [];
  const spans: Span[] = [];
  let start = 0;
  let end = n;
  let mm = m;
  let whole = true;
  // SUBPROOF(m, D[start:end], b); siblings collected on the way down, then reversed.
  for (;;) {
    if (mm === end - start) {
      if (!whole) spans.push({ start, end });
      break;
    }
    const k = splitPoint(end - start);
    if (mm <= k) {
      spans.push({ start: start + k, end });
      end = start + k;
    } else {
      spans.push({ start, end: start + k });
      start += k;
      mm -= k;
      whole = false;
    }
  }
  return spans.reverse();
}

/** Every complete subtree a list of spans needs (for fetching them in one go). */
export function nodesOf(spans: readonly Span[]): NodeId[] {
  const seen = new Set<string>();
  const out: NodeId[] = [];
  for (const span of spans) {
    for (const node of spanNodes(span)) {
      const key = `${node.level}/${node.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(node);
      }
    }
  }
  return out;
}

export function inclusionProof(index: number, size: number, source: HashSource): Buffer[] {
  return inclusionSpans(index, size).map((s) => spanHash(s, source));
}

export function consistencyProof(m: number, n: number, source: HashSource): Buffer[] {
  return consistencySpans(m, n).map((s) => spanHash(s, source));
}

export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

function isHash(h: Uint8Array): boolean {
  return h.length === HASH_SIZE;
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to; throws on a malformed proof. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`index ${index} is not in a tree of ${size}`);
  }
  if (!isHash(leaf) || !proof.every(isHash)) throw new ProofError('hashes must be 32 bytes');
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) throw new ProofError('inclusion proof too long');
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError('inclusion proof too short');
  return r;
}

export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  try {
    return rootFromInclusionProof(index, size, leaf, proof).equals(root);
  } catch (error) {
    if (error instanceof ProofError) return false;
    throw error;
  }
}

/** RFC 9162 §2.1.4.2, with the trivial cases (m = 0, m = n) as the Go implementations treat them. */
export function verifyConsistency(m: number, n: number, proof: readonly Uint8Array[], firstRoot: Uint8Array, secondRoot: Uint8Array): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0 || !proof.every(isHash) || !isHash(firstRoot) || !isHash(secondRoot)) return false;
  let path = proof;
  // m an exact power of two: the first tree is a complete subtree, its root is the proof's seed.
  if (isPowerOfTwo(m)) path = [firstRoot, ...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/**
 * The right edge of a tree (a compact range [0, size)): the roots of its complete subtrees, largest
 * first, one per set bit of size. Appending a leaf is O(log n) time and memory; `append` reports
 * every complete subtree it finishes, so a caller can keep the ones it stores (tiles).
 */
export class CompactRange {
  private readonly hashes: Buffer[];
  private count: number;

  constructor(size = 0, hashes: readonly Uint8Array[] = []) {
    if (hashes.length !== popcount(size)) throw new RangeError(`a range of ${size} has ${popcount(size)} hashes, not ${hashes.length}`);
    this.count = size;
    this.hashes = hashes.map((h) => Buffer.from(h));
  }

  /** The compact range of [0, size) from complete-subtree hashes. */
  static fromSource(size: number, source: HashSource): CompactRange {
    return new CompactRange(
      size,
      spanNodes({ start: 0, end: size }).map((n) => source(n.level, n.index)),
    );
  }

  get size(): number {
    return this.count;
  }

  /** The subtree roots, largest first. */
  get edge(): readonly Buffer[] {
    return this.hashes;
  }

  /** Appends one leaf hash; calls `onNode` for the leaf and each complete subtree it completes. */
  append(leaf: Uint8Array, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let hash: Buffer = Buffer.from(leaf);
    let index = this.count;
    let level = 0;
    onNode?.(0, index, hash);
    while (odd(index)) {
      hash = nodeHash(this.hashes.pop()!, hash);
      index = half(index);
      level++;
      onNode?.(level, index, hash);
    }
    this.hashes.push(hash);
    this.count++;
  }

  root(): Buffer {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let r = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i], r);
    return r;
  }

  clone(): CompactRange {
    return new CompactRange(this.count, this.hashes);
  }
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && !odd(x)) x = half(x);
  return x === 1;
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = half(x)) if (odd(x)) c++;
  return c;
}
