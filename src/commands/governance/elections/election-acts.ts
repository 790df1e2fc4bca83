import { Conflict, InvalidInput } from '../../shared/domain-errors.js';
import type { ElectionState } from './election.state.js';

const MAX_NONCE_LENGTH = 128;

/** Checks the nonce of a member's act on this election: well formed, and never used here before. */
export function assertFreshNonce(state: ElectionState, nonce: string): void {
  if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) {
    throw new InvalidInput('nonce', `nonce must be 1-${MAX_NONCE_LENGTH} characters`);
  }
  // Before any rule: ballots may change, so an old act replayed would silently revert one.
  if (state.status !== 'none' && state.usedNonces.includes(nonce)) throw new Conflict('replayed-act', 'this signed act was already used on this election');
}
