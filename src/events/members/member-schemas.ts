import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { ROLES, type MemberEvent } from './member-events.js';

/** A handle: 3-32 characters of [a-z0-9_-], starting with a letter. Public, so never a real name. */
export const HANDLE_PATTERN = /^[a-z][a-z0-9_-]{2,31}$/;

/** Base64url of a raw 32-byte Ed25519 public key, unpadded. */
const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** Base64url of 12 bytes (see keyIdOf in src/commands/shared/signed-act.ts). */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

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
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['memberId', 'verifierId'], (d, problems) => {
        id(problems, 'memberId', d.memberId);
        id(problems, 'verifierId', d.verifierId);
      }),
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
        } else {
          problems.push('grant.kind: must be bootstrap or proposal');
        }
      }),
  },
} satisfies { [T in MemberEvent['type']]: EventSchema };
