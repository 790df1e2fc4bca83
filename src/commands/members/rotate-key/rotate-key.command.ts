import type { KeyAttestation, Role } from '../../../events/members/member-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/**
 * Replace one of the member's keys by a new one. Vouched for by the old key itself (it signed the
 * act), or, when the old key is lost, by a verifier's signed act. The handler has checked the
 * signatures, including `possession`: the new key's signature over the same act.
 */
export interface RotateKey {
  memberId: string;
  oldKeyId: string;
  /** Base64url of the new raw 32-byte Ed25519 public key. */
  publicKey: string;
  possession: string;
  /** Who vouches; for a verifier, their roles as their own stream states them. */
  attestation: { kind: 'old-key' } | { kind: 'verifier'; verifierId: string; roles: readonly Role[] };
  meta: CommandMeta;
}

export type { KeyAttestation };
