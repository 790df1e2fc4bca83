import { createHash } from 'node:crypto';
import { canonify } from '@truestamp/canonify';

/** RFC 8785 canonical JSON: the one encoding that is signed, hashed and put in the ledger. */
export function canonicalJson(value: unknown): string {
  const text = canonify(value);
  if (text === undefined) throw new TypeError('value has no JSON encoding');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

export function sha256(bytes: Buffer | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}
