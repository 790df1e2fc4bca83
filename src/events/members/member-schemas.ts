import type { EventSchema } from '../registry.js';
import { ROLES, type MemberEvent } from './member-events.js';

/** A handle: 3-32 characters of [a-z0-9_-], starting with a letter. Public, so never a real name. */
export const HANDLE_PATTERN = /^[a-z][a-z0-9_-]{2,31}$/;

/** Base64url of a raw 32-byte Ed25519 public key, unpadded. */
const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** Base64url of 12 bytes (see keyIdOf in src/commands/shared/signed-act.ts). */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
const MAX_ID_LENGTH = 128;

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

/** Object shape: exactly `keys`, then the field checks. Hand-written on purpose: no schema library on the log's read path. */
function check(
  data: unknown,
  keys: readonly string[],
  fields: (data: Record<string, unknown>, problems: string[]) => void,
  path = '',
): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [`${path || 'data'}: must be an object`];
  const record = data as Record<string, unknown>;
  const prefix = path ? `${path}.` : '';
  const problems: string[] = [];
  for (const key of keys) if (!Object.hasOwn(record, key)) problems.push(`${prefix}${key}: missing`);
  for (const key of Object.keys(record)) if (!keys.includes(key)) problems.push(`${prefix}${key}: unexpected field`);
  fields(record, problems);
  return problems;
}

function id(problems: string[], field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    problems.push(`${field}: must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
}
