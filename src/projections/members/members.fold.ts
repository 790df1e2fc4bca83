import type { EventEnvelope } from '../../events/envelope.js';
import type {
  KeyRegistered,
  KeyRotated,
  MemberEvent,
  MemberLeft,
  MemberRegistered,
  MemberSuspended,
  MemberSuspensionLifted,
  MemberVerified,
  RoleGranted,
  RoleRevoked,
} from '../../events/members/member-events.js';

/** One row of read_models.members, as the fold sees it (positions as numbers, instants as ISO strings). */
export interface MemberRow {
  memberId: string;
  handle: string;
  registeredAt: string;
  registeredPosition: number;
  verifiedPosition: number | null;
  verifiedBy: string | null;
  /** The method on the log (in-person, document, vouching); null for a verification without recorded evidence. */
  verificationMethod: string | null;
  roles: string[];
  /** End of the latest suspension (ISO), null when none or lifted; whether it still holds depends on the reader's time. */
  suspendedUntil: string | null;
  suspensionReason: string | null;
  /** Where the member left, null while a member. */
  leftPosition: number | null;
  /** Position of the last event applied to this member (also guards against re-applying it). */
  updatedPosition: number;
}

/** One row of read_models.member_keys: a key's whole life, from registration (or rotation in) to retirement. */
export interface MemberKeyRow {
  keyId: string;
  memberId: string;
  publicKey: string;
  registeredPosition: number;
  /** The key this one replaced, when it came in by rotation. */
  rotatedFrom: string | null;
  /** The verifier who attested a rotation of a lost key. */
  attestedBy: string | null;
}

/** A key rotated out: from `retiredPosition` on it signs nothing for the member. */
export interface RetiredKeyRow {
  keyId: string;
  retiredPosition: number;
  replacedBy: string;
}

export interface MembersChanges {
  /** Full new state of every member row the batch changed, in order of first change. */
  members: MemberRow[];
  /** Keys first registered in the batch (the first registration of a key id wins). */
  keys: MemberKeyRow[];
  /** Keys retired in the batch. */
  retired: RetiredKeyRow[];
}

export const MEMBER_EVENT_TYPES = [
  'members.MemberRegistered',
  'members.KeyRegistered',
  'members.MemberVerified',
  'members.RoleGranted',
  'members.RoleRevoked',
  'members.KeyRotated',
  'members.MemberSuspended',
  'members.MemberSuspensionLifted',
  'members.MemberLeft',
] as const satisfies readonly MemberEvent['type'][];

const handled: ReadonlySet<string> = new Set(MEMBER_EVENT_TYPES);

type Envelope<E extends MemberEvent> = EventEnvelope<E['type'], E['data']>;

type MemberEnvelope =
  | Envelope<MemberRegistered>
  | Envelope<KeyRegistered>
  | Envelope<MemberVerified>
  | Envelope<RoleGranted>
  | Envelope<RoleRevoked>
  | Envelope<KeyRotated>
  | Envelope<MemberSuspended>
  | Envelope<MemberSuspensionLifted>
  | Envelope<MemberLeft>;

/** The member events of a batch, in log order; other event types are dropped. */
export function memberEventsOf(batch: readonly EventEnvelope[]): MemberEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as MemberEnvelope[];
}

/** The member ids a batch touches: the rows to load before folding. */
export function memberIdsOf(batch: readonly EventEnvelope[]): string[] {
  return [...new Set(memberEventsOf(batch).map((e) => e.data.memberId))];
}

/** Version 1 MemberVerified events (before commitments) carry no evidence: no method. */
function methodOf(data: Partial<MemberVerified['data']>): string | null {
  return data.evidence?.kind === 'committed' ? data.evidence.method : null;
}

/**
 * Folds a batch onto the current rows of the members it touches, in memory and without I/O.
 *
 * - A member's first registration wins; a second MemberRegistered for the same id is ignored.
 * - The first verification wins: the electorate is "verified at or before position p".
 * - Roles are a set, kept in the order they were first granted.
 * - A rotation adds the new key (remembering the old one and any attesting verifier) and retires the old.
 * - The latest suspension is shown until lifted; a member who left keeps the handle, loses the roles.
 * - Events at or below a row's `updatedPosition` were applied already and are skipped, so
 *   applying the same batch twice changes nothing.
 * - Events about a member that was never registered cannot come from the deciders; they leave
 *   no member row (a key is still recorded in member_keys).
 */
export function foldMembers(existing: ReadonlyMap<string, MemberRow>, batch: readonly EventEnvelope[]): MembersChanges {
  const rows = new Map<string, MemberRow>();
  const keys = new Map<string, MemberKeyRow>();
  const retired = new Map<string, RetiredKeyRow>();
  const current = (id: string): MemberRow | undefined => rows.get(id) ?? existing.get(id);
  const applied = (row: MemberRow | undefined, position: number): row is MemberRow => row !== undefined && position > row.updatedPosition;

  for (const event of memberEventsOf(batch)) {
    const row = current(event.data.memberId);
    switch (event.type) {
      case 'members.MemberRegistered': {
        if (row !== undefined) {
          if (applied(row, event.position)) rows.set(row.memberId, { ...row, updatedPosition: event.position });
          break;
        }
        rows.set(event.data.memberId, {
          memberId: event.data.memberId,
          handle: event.data.handle,
          registeredAt: new Date(event.meta.occurredAt).toISOString(),
          registeredPosition: event.position,
          verifiedPosition: null,
          verifiedBy: null,
          verificationMethod: null,
          roles: [],
          suspendedUntil: null,
          suspensionReason: null,
          leftPosition: null,
          updatedPosition: event.position,
        });
        break;
      }
      case 'members.KeyRegistered': {
        const { keyId, memberId, publicKey } = event.data;
        if (!keys.has(keyId)) keys.set(keyId, { keyId, memberId, publicKey, registeredPosition: event.position, rotatedFrom: null, attestedBy: null });
        if (applied(row, event.position)) rows.set(row.memberId, { ...row, updatedPosition: event.position });
        break;
      }
      case 'members.MemberVerified': {
        if (!applied(row, event.position)) break;
        rows.set(
          row.memberId,
          row.verifiedPosition === null
            ? { ...row, verifiedPosition: event.position, verifiedBy: event.data.verifierId, verificationMethod: methodOf(event.data), updatedPosition: event.position }
            : { ...row, updatedPosition: event.position },
        );
        break;
      }
      case 'members.RoleGranted': {
        if (!applied(row, event.position)) break;
        const roles = row.roles.includes(event.data.role) ? row.roles : [...row.roles, event.data.role];
        rows.set(row.memberId, { ...row, roles, updatedPosition: event.position });
        break;
      }
      case 'members.RoleRevoked': {
        if (!applied(row, event.position)) break;
        rows.set(row.memberId, { ...row, roles: row.roles.filter((role) => role !== event.data.role), updatedPosition: event.position });
        break;
      }
      case 'members.KeyRotated': {
        const { memberId, oldKeyId, newKeyId, publicKey, attestation } = event.data;
        if (!keys.has(newKeyId)) {
          keys.set(newKeyId, {
            keyId: newKeyId,
            memberId,
            publicKey,
            registeredPosition: event.position,
            rotatedFrom: oldKeyId,
            attestedBy: attestation.kind === 'verifier' ? attestation.verifierId : null,
          });
        }
        if (!retired.has(oldKeyId)) retired.set(oldKeyId, { keyId: oldKeyId, retiredPosition: event.position, replacedBy: newKeyId });
        if (applied(row, event.position)) rows.set(row.memberId, { ...row, updatedPosition: event.position });
        break;
      }
      case 'members.MemberSuspended': {
        if (!applied(row, event.position)) break;
        rows.set(row.memberId, { ...row, suspendedUntil: new Date(event.data.until).toISOString(), suspensionReason: event.data.reason, updatedPosition: event.position });
        break;
      }
      case 'members.MemberSuspensionLifted': {
        if (!applied(row, event.position)) break;
        rows.set(row.memberId, { ...row, suspendedUntil: null, suspensionReason: null, updatedPosition: event.position });
        break;
      }
      case 'members.MemberLeft': {
        if (!applied(row, event.position)) break;
        rows.set(row.memberId, { ...row, roles: [], suspendedUntil: null, suspensionReason: null, leftPosition: event.position, updatedPosition: event.position });
        break;
      }
    }
  }
  return { members: [...rows.values()], keys: [...keys.values()], retired: [...retired.values()] };
}
