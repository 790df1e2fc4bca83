import type { Role } from '../../../events/members/member-events.js';
import type { VerificationEvidence } from '../../../identity/evidence-commitment.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/** Attest that a member is a real, single person of the community. */
export interface VerifyMember {
  memberId: string;
  /** The acting member's facts, read from their own stream. */
  verifier: { memberId: string; roles: readonly Role[] };
  /** Private: only its salted commitment reaches the log. */
  evidence: VerificationEvidence;
  /** 32 random bytes chosen at the edge, like ids: the decider stays deterministic. */
  salt: Buffer;
  meta: CommandMeta;
}
