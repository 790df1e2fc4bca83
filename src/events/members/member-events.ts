import type { DomainEvent } from '../envelope.js';

export const ROLES = ['steward', 'verifier', 'moderator', 'arbiter'] as const;
export type Role = (typeof ROLES)[number];

/** Why a role was granted: the bootstrap of the first steward, a passed proposal, or an election won. */
export type RoleGrant = { kind: 'bootstrap' } | { kind: 'proposal'; proposalId: string } | { kind: 'election'; electionId: string };

/** Why a role was taken away: a passed revoke-role or no-confidence proposal. */
export type RoleRevocation = { kind: 'proposal'; proposalId: string };

/** A member joined. Only the pseudonymous id and the public handle: email and password stay private. */
export type MemberRegistered = DomainEvent<'members.MemberRegistered', { memberId: string; handle: string }>;

/** A member registered an Ed25519 public key (raw 32 bytes, base64url); acts are signed with it. */
export type KeyRegistered = DomainEvent<'members.KeyRegistered', { memberId: string; keyId: string; publicKey: string }>;

/** How a verifier came to know the member is a real, single person. */
export const VERIFICATION_METHODS = ['in-person', 'document', 'vouching'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/**
 * What the log says about a verification's evidence: the method, and a salted SHA-256 commitment
 * to the private evidence (docs/adr, verification evidence). `none`: the system's bootstrap
 * attestation, and every verification recorded before commitments existed (schema version 1).
 */
export type EvidenceCommitment = { kind: 'committed'; method: VerificationMethod; commitment: string } | { kind: 'none' };

/** A verifier attested that the member is a real, single person of the community. */
export type MemberVerified = DomainEvent<'members.MemberVerified', { memberId: string; verifierId: string; evidence: EvidenceCommitment }>;

/** Who vouched for a new key: the old key (it signed the act), or a verifier when the old key was lost. */
export type KeyAttestation = { kind: 'old-key' } | { kind: 'verifier'; verifierId: string };

/**
 * The member's key `oldKeyId` is replaced by `publicKey`: from here on acts signed with the old key
 * are refused. `possession` is the new key's signature over the same canonical act command that the
 * act's signature covers, so an auditor can check the member holds the new key.
 */
export type KeyRotated = DomainEvent<
  'members.KeyRotated',
  { memberId: string; oldKeyId: string; newKeyId: string; publicKey: string; possession: string; attestation: KeyAttestation }
>;

/** Moderation suspended the member until `until` (ISO 8601): their acts are refused until then. */
export type MemberSuspended = DomainEvent<'members.MemberSuspended', { memberId: string; until: string; actionId: string; reason: string }>;

export type MemberSuspensionLifted = DomainEvent<'members.MemberSuspensionLifted', { memberId: string; actionId: string }>;

/** The member left: their private data is erased; their public handle and past acts stay on the log. */
export type MemberLeft = DomainEvent<'members.MemberLeft', { memberId: string }>;

export type RoleGranted = DomainEvent<'members.RoleGranted', { memberId: string; role: Role; grant: RoleGrant }>;

/** The member no longer holds the role: every check reads this from the member's stream. */
export type RoleRevoked = DomainEvent<'members.RoleRevoked', { memberId: string; role: Role; revocation: RoleRevocation }>;

export type MemberEvent =
  | MemberRegistered
  | KeyRegistered
  | MemberVerified
  | RoleGranted
  | RoleRevoked
  | KeyRotated
  | MemberSuspended
  | MemberSuspensionLifted
  | MemberLeft;

export const memberStream = (memberId: string): string => `member-${memberId}`;
