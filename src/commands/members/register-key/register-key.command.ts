import type { CommandMeta } from '../../shared/command-meta.js';

/** Register an Ed25519 public key with which the member will sign their acts. */
export interface RegisterKey {
  memberId: string;
  /** Base64url of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  meta: CommandMeta;
}
