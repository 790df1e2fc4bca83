import { canonify } from '@truestamp/canonify';
import { leafHash, verifyInclusion } from '@ledger/merkle/merkle';
import { parseCheckpointBody } from '@ledger/note/checkpoint';
import { keyId as noteKeyId, parseNote } from '@ledger/note/note';
import { Buffer } from 'buffer';
import type { InclusionProof, LedgerEvent } from '../api/types';

/*
 * The auditor's check, in the browser, with the CLI's own code (src/ledger/merkle and
 * src/ledger/note): the checkpoint's signature against the log's published key, then the event's
 * leaf (its canonical envelope bytes) up the inclusion proof to the checkpoint's root. Only the
 * Ed25519 signature check itself goes through WebCrypto, which is asynchronous.
 */

export interface Verifier {
  name: string;
  keyId: number;
  publicKey: Uint8Array<ArrayBuffer>;
}

export interface VerifiedCheckpoint {
  origin: string;
  size: number;
  rootHash: string;
}

export type InclusionOutcome =
  | { kind: 'included'; index: number; checkpoint: VerifiedCheckpoint; leafHash: string }
  | { kind: 'failed'; reason: 'bad-key' | 'bad-checkpoint' | 'bad-signature' | 'not-included' | 'wrong-origin'; detail: string };

/** Parses `<name>+<hex key ID>+<base64(0x01 || public key)>` (the Go note verifier key form). */
export function parseVerifierKey(text: string): Verifier | null {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  if (!match) return null;
  const [, name, id, key] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 33 || bytes[0] !== 0x01 || bytes.toString('base64') !== key) return null;
  const publicKey = new Uint8Array(bytes.subarray(1));
  const keyId = noteKeyId(name, publicKey);
  if (keyId.toString(16).padStart(8, '0') !== id) return null;
  return { name, keyId, publicKey };
}

/** Opens a signed checkpoint note with the given verifier; returns null when no signature of that key verifies. */
export async function openCheckpoint(note: string, verifier: Verifier): Promise<(VerifiedCheckpoint & { root: Uint8Array }) | 'bad-signature' | 'malformed'> {
  let parsed;
  try {
    parsed = parseNote(note);
  } catch {
    return 'malformed';
  }
  const signature = parsed.signatures.find((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (!signature) return 'bad-signature';
  const key = await crypto.subtle.importKey('raw', verifier.publicKey, { name: 'Ed25519' }, false, ['verify']);
  const signatureBytes = new Uint8Array(Buffer.from(signature.base64, 'base64').subarray(4));
  const ok = await crypto.subtle.verify('Ed25519', key, signatureBytes, new TextEncoder().encode(parsed.text));
  if (!ok) return 'bad-signature';
  try {
    const cp = parseCheckpointBody(parsed.text);
    return { origin: cp.origin, size: cp.size, rootHash: cp.root.toString('base64'), root: cp.root };
  } catch {
    return 'malformed';
  }
}

/** The ledger entry of an event: its stored envelope (without the position), as RFC 8785 canonical JSON. */
export function entryBytes(event: LedgerEvent): Uint8Array {
  const { position: _position, ...stored } = event;
  const text = canonify(stored);
  if (text === undefined) throw new TypeError('event has no canonical encoding');
  return new TextEncoder().encode(text);
}

export async function verifyEventInclusion(event: LedgerEvent, proof: InclusionProof, verifierKey: string, origin: string): Promise<InclusionOutcome> {
  const verifier = parseVerifierKey(verifierKey);
  if (!verifier) return { kind: 'failed', reason: 'bad-key', detail: verifierKey };
  const cp = await openCheckpoint(proof.checkpoint, verifier);
  if (cp === 'malformed') return { kind: 'failed', reason: 'bad-checkpoint', detail: proof.checkpoint };
  if (cp === 'bad-signature') return { kind: 'failed', reason: 'bad-signature', detail: verifier.name };
  if (cp.origin !== origin) return { kind: 'failed', reason: 'wrong-origin', detail: cp.origin };
  const leaf = leafHash(entryBytes(event));
  const hashes = proof.hashes.map((h) => Buffer.from(h, 'base64'));
  if (!verifyInclusion(event.position, cp.size, leaf, hashes, cp.root)) {
    return { kind: 'failed', reason: 'not-included', detail: `${event.position} / ${cp.size}` };
  }
  const { root: _root, ...checkpoint } = cp;
  return { kind: 'included', index: event.position, checkpoint, leafHash: leaf.toString('hex') };
}
