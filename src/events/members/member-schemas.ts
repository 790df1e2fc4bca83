import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { ROLES, VERIFICATION_METHODS, type MemberEvent } from './member-events.js';

/** A handle: 3-32 characters of [a-z0-9_-], starting with a letter. Public, so never a real name. */
export const HANDLE_PATTERN = /^[a-z][a-z0-9_-]{2,31}$/;

/** Base64url of a raw 32-byte Ed25519 public key, unpadded. */
const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** Base64url of 12 bytes (see keyIdOf in src/commands/shared/signed-act.ts). */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
/** Base64url of a 64-byte Ed25519 signature, unpadded. */
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;
/** An ISO 8601 instant with a zone, as acts state them. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** A suspension's public reason: a short sentence, never a dossier. */
export const MAX_REASON_LENGTH = 500;

export const MEMBER_SCHEMAS = {
  'members.MemberRegistered': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'handle'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        if (typeof d.handle !== 'string' || !HANDLE_PATTERN.test(d.handle)) problems.push('handle: must match ' + HANDLE_PATTERN.source);
      }),
  },
  'members.KeyRegistered': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'keyId', 'publicKey'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        if (typeof d.keyId !== 'string' || !KEY_ID_PATTERN.test(d.keyId)) problems.push('keyId: must be base64url of 12 bytes');
        if (typeof d.publicKey !== 'string' || !PUBLIC_KEY_PATTERN.test(d.publicKey)) {
          problems.push('publicKey: must be base64url of a raw 32-byte Ed25519 key');
        }
      }),
  },
  'members.MemberVerified': {
    // Version 2 adds the evidence commitment; version 1 events carry none.
    schemaVersion: 2,
    validate: (data) =>
      check(data, ['memberId', 'verifierId', 'evidence'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        id(problems, 'verifierId', d.verifierId);
        problems.push(...evidenceProblems(d.evidence));
      }),
    upcasters: { 1: (data) => ({ ...(data as object), evidence: { kind: 'none' } }) },
  },
  'members.RoleGranted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'role', 'grant'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        if (!(ROLES as readonly unknown[]).includes(d.role)) problems.push(`role: must be one of ${ROLES.join(', ')}`);
        const grant = d.grant as { kind?: unknown } | null;
        if (typeof grant !== 'object' || grant === null) {
          problems.push('grant: must be an object');
        } else if (grant.kind === 'bootstrap') {
          problems.push(...check(grant, ['kind'], () => {}, 'grant'));
        } else if (grant.kind === 'proposal') {
          problems.push(...check(grant, ['kind', 'proposalId'], (g, ps) => id(ps, 'grant.proposalId', g.proposalId), 'grant'));
        } else if (grant.kind === 'election') {
          problems.push(...check(grant, ['kind', 'electionId'], (g, ps) => id(ps, 'grant.electionId', g.electionId), 'grant'));
        } else {
          problems.push('grant.kind: must be bootstrap, proposal or election');
        }
      }),
  },
  'members.RoleRevoked': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'role', 'revocation'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        if (!(ROLES as readonly unknown[]).includes(d.role)) problems.push(`role: must be one of ${ROLES.join(', ')}`);
        const revocation = d.revocation as { kind?: unknown } | null;
        if (typeof revocation !== 'object' || revocation === null || revocation.kind !== 'proposal') {
          problems.push('revocation.kind: must be proposal');
        } else {
          problems.push(...check(revocation, ['kind', 'proposalId'], (r, ps) => id(ps, 'revocation.proposalId', r.proposalId), 'revocation'));
        }
      }),
  },
  'members.KeyRotated': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'oldKeyId', 'newKeyId', 'publicKey', 'possession', 'attestation'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        for (const field of ['oldKeyId', 'newKeyId'] as const) {
          if (typeof d[field] !== 'string' || !KEY_ID_PATTERN.test(d[field])) problems.push(`${field}: must be base64url of 12 bytes`);
        }
        if (typeof d.publicKey !== 'string' || !PUBLIC_KEY_PATTERN.test(d.publicKey)) problems.push('publicKey: must be base64url of a raw 32-byte Ed25519 key');
        if (typeof d.possession !== 'string' || !SIGNATURE_PATTERN.test(d.possession)) problems.push('possession: must be a base64url Ed25519 signature');
        const attestation = d.attestation as { kind?: unknown } | null;
        if (typeof attestation !== 'object' || attestation === null) {
          problems.push('attestation: must be an object');
        } else if (attestation.kind === 'old-key') {
          problems.push(...check(attestation, ['kind'], () => {}, 'attestation'));
        } else if (attestation.kind === 'verifier') {
          problems.push(...check(attestation, ['kind', 'verifierId'], (a, ps) => id(ps, 'attestation.verifierId', a.verifierId), 'attestation'));
        } else {
          problems.push('attestation.kind: must be old-key or verifier');
        }
      }),
  },
  'members.MemberSuspended': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'until', 'actionId', 'reason'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        id(problems, 'actionId', d.actionId);
        if (typeof d.until !== 'string' || !ISO_INSTANT.test(d.until) || Number.isNaN(Date.parse(d.until))) problems.push('until: must be an ISO 8601 instant');
        if (typeof d.reason !== 'string' || d.reason.trim() === '' || d.reason.length > MAX_REASON_LENGTH) {
          problems.push(`reason: must be 1 to ${MAX_REASON_LENGTH} characters`);
        }
      }),
  },
  'members.MemberSuspensionLifted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'actionId'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        id(problems, 'actionId', d.actionId);
      }),
  },
  'members.MemberLeft': {
    schemaVersion: 1,
    validate: (data) => check(data, ['memberId'], (d, problems) => id(problems, 'memberId', d.memberId)),
  },
} satisfies { [T in MemberEvent['type']]: EventSchema };

function evidenceProblems(evidence: unknown): string[] {
  const e = evidence as { kind?: unknown } | null;
  if (typeof e !== 'object' || e === null) return ['evidence: must be an object'];
  if (e.kind === 'none') return check(e, ['kind'], () => {}, 'evidence');
  if (e.kind !== 'committed') return ['evidence.kind: must be committed or none'];
  return check(
    e,
    ['kind', 'method', 'commitment'],
    (c, ps) => {
      if (!(VERIFICATION_METHODS as readonly unknown[]).includes(c.method)) ps.push(`evidence.method: must be one of ${VERIFICATION_METHODS.join(', ')}`);
      if (typeof c.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(c.commitment)) ps.push('evidence.commitment: must be 64 lowercase hex digits (SHA-256)');
    },
    'evidence',
  );
}
