import { HASH_SIZE, leafHash, verifyInclusion } from '../merkle/merkle.js';
import { openCheckpoint, type Checkpoint } from '../note/checkpoint.js';
import type { NoteVerifier } from '../note/note.js';

/**
 * C2SP tlog-proof receipts (c2sp.org/tlog-proof): an inclusion proof with the signed checkpoint
 * it leads to, verifiable offline with the log's public key.
 *
 *   c2sp.org/tlog-proof@v1
 *   [extra <base64>]
 *   index <leaf index>
 *   <base64 hash, one a line, from the leaf's sibling up>
 *   <empty line>
 *   <the checkpoint, verbatim, with its signatures>
 */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  index: number;
  hashes: Buffer[];
  checkpoint: string;
  extra?: Buffer;
}

export class ReceiptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptError';
  }
}

export function formatTlogProof(proof: TlogProof): string {
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra) lines.push(`extra ${proof.extra.toString('base64')}`);
  lines.push(`index ${proof.index}`, ...proof.hashes.map((h) => h.toString('base64')));
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new ReceiptError('malformed receipt: no checkpoint');
  const lines = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (lines[0] !== TLOG_PROOF_HEADER) throw new ReceiptError(`malformed receipt: expected "${TLOG_PROOF_HEADER}"`);
  let at = 1;
  let extra: Buffer | undefined;
  if (lines[at]?.startsWith('extra ')) {
    extra = Buffer.from(lines[at].slice('extra '.length), 'base64');
    at++;
  }
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(lines[at] ?? '');
  if (!indexMatch || !Number.isSafeInteger(Number(indexMatch[1]))) throw new ReceiptError('malformed receipt: no index line');
  const hashes = lines.slice(at + 1).map((line) => {
    const hash = Buffer.from(line, 'base64');
    if (hash.length !== HASH_SIZE || hash.toString('base64') !== line) throw new ReceiptError('malformed receipt: a proof line is not a base64 SHA-256 hash');
    return hash;
  });
  return { index: Number(indexMatch[1]), hashes, checkpoint, ...(extra ? { extra } : {}) };
}

/**
 * Verifies a receipt offline: the checkpoint's signature with the log's key, then the inclusion
 * of `entry` (the event's envelope bytes) at the receipt's index. Returns the checkpoint.
 */
export function verifyTlogProof(text: string, verifier: NoteVerifier, entry: Uint8Array, origin?: string): Checkpoint & { index: number } {
  const proof = parseTlogProof(text);
  const cp = openCheckpoint(proof.checkpoint, verifier, origin);
  if (!verifyInclusion(proof.index, cp.size, leafHash(entry), proof.hashes, cp.root)) {
    throw new ReceiptError(`the entry is not at index ${proof.index} of the tree of size ${cp.size}`);
  }
  return { ...cp, index: proof.index };
}
