import type { EventEnvelope } from '../../events/envelope.js';
import type { KeyRegistered, MemberEvent, MemberRegistered, MemberVerified, RoleGranted } from '../../events/members/member-events.js';

/** One row of read_models.members, as the fold sees it (positions as numbers, instants as ISO strings). */
export interface MemberRow {
  memberId: string;
  handle: string;
  registeredAt: string;
  registeredPosition: number;
  verifiedPosition: number | null;
  verifiedBy: string | null;
  roles: string[];
  /** Position of the last event applied to this member (also guards against re-applying it). */
  updatedPosition: number;
}

/** One row of read_models.member_keys. */
export interface MemberKeyRow {
  keyId: string;
  memberId: string;
  publicKey: string;
  registeredPosition: number;
}

export interface MembersChanges {
  /** Full new state of every member row the batch changed, in order of first change. */
  members: MemberRow[];
  /** Keys first registered in the batch (the first registration of a key id wins). */
  keys: MemberKeyRow[];
}

export const MEMBER_EVENT_TYPES = [
  'members.MemberRegistered',
  'members.KeyRegistered',
  'members.MemberVerified',
  'members.RoleGranted',
] as const satisfies readonly MemberEvent['type'][];

const handled: ReadonlySet<string> = new Set(MEMBER_EVENT_TYPES);

type MemberEnvelope =
  | EventEnvelope<MemberRegistered['type'], MemberRegistered['data']>
  | EventEnvelope<KeyRegistered['type'], KeyRegistered['data']>
  | EventEnvelope<MemberVerified['type'], MemberVerified['data']>
  | EventEnvelope<RoleGranted['type'], RoleGranted['data']>;

/** The member events of a batch, in log order; other event types are dropped. */
export function memberEventsOf(batch: readonly EventEnvelope[]): MemberEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as MemberEnvelope[];
}

/** The member ids a batch touches: the rows to load before folding. */
export function memberIdsOf(batch: readonly EventEnvelope[]): string[] {
  return [...new Set(memberEventsOf(batch).map((e) => e.data.memberId))];
}

/**
 * Folds a batch onto the current rows of the members it touches, in memory and without I/O.
 *
 * - A member's first registration wins; a second MemberRegistered for the same id is ignored.
 * - The first verification wins: the electorate is "verified at or before position p".
 * - Roles are a set, kept in the order they were first granted.
 * - Events at or below a row's `updatedPosition` were applied already and are skipped, so
 *   applying the same batch twice changes nothing.
 * - Events about a member that was never registered cannot come from the deciders; they leave
 *   no member row (a key is still recorded in member_keys).
 */
export function foldMembers(existing: ReadonlyMap<string, MemberRow>, batch: readonly EventEnvelope[]): MembersChanges {
  const rows = new Map<string, MemberRow>();
  const keys = new Map<string, MemberKeyRow>();
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
          roles: [],
          updatedPosition: event.position,
        });
        break;
      }
      case 'members.KeyRegistered': {
        const { keyId, memberId, publicKey } = event.data;
        if (!keys.has(keyId)) keys.set(keyId, { keyId, memberId, publicKey, registeredPosition: event.position });
        if (applied(row, event.position)) rows.set(row.memberId, { ...row, updatedPosition: event.position });
        break;
      }
      case 'members.MemberVerified': {
        if (!applied(row, event.position)) break;
        rows.set(
          row.memberId,
          row.verifiedPosition === null
            ? { ...row, verifiedPosition: event.position, verifiedBy: event.data.verifierId, updatedPosition: event.position }
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
    }
  }
  return { members: [...rows.values()], keys: [...keys.values()] };
}
