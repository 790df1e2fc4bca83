import type { DomainEvent } from '../envelope.js';

export const ROLES = ['steward', 'verifier', 'moderator', 'arbiter'] as const;
export type Role = (typeof ROLES)[number];

/** Why a role was granted: the bootstrap of the first steward, or (later) a passed proposal. */
export type RoleGrant = { kind: 'bootstrap' } | { kind: 'proposal'; proposalId: string };

/** A member joined. Only the pseudonymous id and the public handle: email and password stay private. */
export type MemberRegistered = DomainEvent<'members.MemberRegistered', { memberId: string; handle: string }>;

/** A member registered an Ed25519 public key (raw 32 bytes, base64url); acts are signed with it. */
export type KeyRegistered = DomainEvent<'members.KeyRegistered', { memberId: string; keyId: string; publicKey: string }>;

/** A verifier attested that the member is a real, single person of the community. */
export type MemberVerified = DomainEvent<'members.MemberVerified', { memberId: string; verifierId: string }>;

export type RoleGranted = DomainEvent<'members.RoleGranted', { memberId: string; role: Role; grant: RoleGrant }>;

export type MemberEvent = MemberRegistered | KeyRegistered | MemberVerified | RoleGranted;

export const memberStream = (memberId: string): string => `member-${memberId}`;
