import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes, canonicalJson, sha256 } from '../../events/canonical.js';
import type { SignedAct } from '../../events/envelope.js';
import { InvalidInput, Unauthenticated } from './domain-errors.js';

export type { SignedAct };

/** The object a member signs (DESIGN §5): who, what, with which key, when, once; then the command's own fields. */
export interface ActCommand {
  /** `<event-domain>.<CommandName>`, e.g. `governance.CastVote`. */
  command: string;
  actor: string;
  keyId: string;
  /** ISO 8601 instant at which the client signed. */
  issuedAt: string;
  /** Unique per act, so that a captured act cannot be submitted twice. */
  nonce: string;
  [field: string]: unknown;
}

/** The fields every act carries besides the command's own; everything else must match the request. */
const ACT_ENVELOPE_FIELDS = ['command', 'actor', 'keyId', 'issuedAt', 'nonce'] as const;

const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const KEY_ID_HASH_BYTES = 12;

/**
 * Decodes a base64url raw Ed25519 public key. Only the canonical unpadded encoding is accepted,
 * so one key has exactly one spelling and therefore one key id.
 */
export function decodePublicKey(publicKey: string): Buffer {
  const bytes = decodeBase64url(publicKey);
  if (bytes === null || bytes.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new InvalidInput('publicKey', 'publicKey must be the base64url encoding of a raw 32-byte Ed25519 public key');
  }
  return bytes;
}

/** Short, stable name of a key: base64url of the first 12 bytes of SHA-256 of the raw key. */
export function keyIdOf(publicKey: string): string {
  return sha256(decodePublicKey(publicKey)).subarray(0, KEY_ID_HASH_BYTES).toString('base64url');
}

/** A node:crypto public key from the base64url raw key stored on the log. */
export function publicKeyFromRaw(publicKey: string): KeyObject {
  const x = decodePublicKey(publicKey).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The base64url raw 32-byte public key of an Ed25519 key object (public, or private: its public half). */
export function rawPublicKey(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('Ed25519 key has no public component');
  return x;
}

export function signAct(command: ActCommand, privateKey: KeyObject): SignedAct {
  const signature = sign(null, canonicalBytes(command), privateKey).toString('base64url');
  return { command: { ...command }, signature };
}

export interface ExpectedAct {
  command: string;
  actor: string;
  /** The command's own fields as the request states them (path ids included), without the act's command, actor, keyId, issuedAt and nonce. */
  fields: Record<string, unknown>;
}

/**
 * Checks that `act` is a genuine, current act of `expected.actor` stating exactly what the request
 * asks for. Throws Unauthenticated: `unknown-key`, `bad-signature`, `act-mismatch` or `act-expired`.
 * The nonce is not checked here: whether it was used before is a fact of the aggregate's stream.
 */
export function verifyAct(
  act: SignedAct,
  expected: ExpectedAct,
  keys: Readonly<Record<string, string>>,
  now: Date,
  maxSkewSeconds: number,
): void {
  const command = act.command as Partial<ActCommand> | null | undefined;
  if (!isActCommand(command)) {
    throw new Unauthenticated('act-mismatch', 'the act lacks command, actor, keyId, issuedAt or nonce');
  }
  if (!Object.hasOwn(keys, command.keyId)) {
    throw new Unauthenticated('unknown-key', `key ${command.keyId} is not registered to ${expected.actor}`);
  }
  if (!signatureVerifies(command, act.signature, keys[command.keyId])) {
    throw new Unauthenticated('bad-signature', 'the signature does not verify');
  }
  // Authenticity first, then meaning: a mismatch is only reported for acts the member really signed.
  if (command.command !== expected.command || command.actor !== expected.actor || !sameFields(command, expected.fields)) {
    throw new Unauthenticated('act-mismatch', 'the signed act does not state this request');
  }
  const issuedAt = parseInstant(command.issuedAt);
  if (issuedAt === null) throw new Unauthenticated('act-mismatch', 'issuedAt is not an ISO 8601 instant');
  if (Math.abs(issuedAt - now.getTime()) > maxSkewSeconds * 1000) {
    throw new Unauthenticated('act-expired', `the act was issued at ${command.issuedAt}, outside ${maxSkewSeconds} s of now`);
  }
}

function isActCommand(command: Partial<ActCommand> | null | undefined): command is ActCommand {
  return (
    typeof command === 'object' &&
    command !== null &&
    ACT_ENVELOPE_FIELDS.every((field) => typeof command[field] === 'string' && command[field] !== '')
  );
}

function signatureVerifies(command: ActCommand, signature: unknown, publicKey: string): boolean {
  if (typeof signature !== 'string') return false;
  const signatureBytes = decodeBase64url(signature);
  if (signatureBytes === null || signatureBytes.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, canonicalBytes(command), publicKeyFromRaw(publicKey), signatureBytes);
  } catch {
    // A command that has no canonical encoding, or a corrupt stored key, cannot carry a valid signature.
    return false;
  }
}

/** Compared canonically, so key order and JSON-equivalent values (a Date and its ISO string) agree. */
function sameFields(command: ActCommand, fields: Record<string, unknown>): boolean {
  const signed: Record<string, unknown> = { ...command };
  for (const field of ACT_ENVELOPE_FIELDS) delete signed[field];
  try {
    return canonicalJson(signed) === canonicalJson(fields);
  } catch {
    return false;
  }
}

function decodeBase64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Node decodes leniently; the round trip rejects non-canonical trailing bits and stray lengths.
  return bytes.toString('base64url') === text ? bytes : null;
}

/** An ISO 8601 instant: date, time and a zone (`Z` or an offset), so it means the same moment everywhere. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(text: string): number | null {
  if (!ISO_INSTANT.test(text)) return null;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : millis;
}
