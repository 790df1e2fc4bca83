import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../../records/participant.js';

/** A party signs the contract's document: its SHA-256, signed with Ed25519 by a key registered to them. */
export interface SignContract {
  contractId: string;
  signer: Participant;
  /** The hash the party says they signed; it must be the contract's. */
  documentSha256: string;
  keyId: string;
  /** Already verified by the handler against the signer's key; kept on the log. */
  signature: string;
  meta: CommandMeta;
}
