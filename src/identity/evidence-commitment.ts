import { canonicalBytes, sha256 } from '../events/canonical.js';
import type { VerificationMethod } from '../events/members/member-events.js';

/** The private evidence of a verification: kept in identity.verification_evidence, never on the log. */
export interface VerificationEvidence {
  method: VerificationMethod;
  /** Free text or a reference (e.g. "met at the March assembly", a document's last digits). */
  description: string;
}

/** Bytes of salt: 256 bits, so nobody can guess the evidence from the commitment by trying candidates. */
export const SALT_BYTES = 32;

/**
 * The commitment on the log: lowercase hex of SHA-256 over `salt || evidence`, where `salt` is the
 * 32 raw salt bytes and `evidence` the UTF-8 of the RFC 8785 canonical JSON of
 * `{ "description": ..., "method": ... }` (docs/adr, verification evidence). Anyone given the salt
 * and the evidence recomputes it.
 */
export function commitEvidence(salt: Buffer, evidence: VerificationEvidence): string {
  if (salt.length !== SALT_BYTES) throw new RangeError(`the salt must be ${SALT_BYTES} bytes`);
  const encoded = canonicalBytes({ method: evidence.method, description: evidence.description });
  return sha256(Buffer.concat([salt, encoded])).toString('hex');
}
