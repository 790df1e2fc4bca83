import type pg from 'pg';
import type { MemberTableRow } from './member-row.js';

/** Anything that runs a query: a pool, or a client (e.g. inside a transaction). */
export type Queryable = pg.Pool | pg.ClientBase;

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * Where a member stands, read at query time (a suspension ends by itself): left, suspended until an
 * instant, verified, or only registered.
 */
export type MemberStatus =
  | { kind: 'registered' }
  | { kind: 'verified' }
  | { kind: 'suspended'; until: string; reason: string }
  | { kind: 'left'; atPosition: number };

export interface MemberSummary {
  memberId: string;
  handle: string;
  registeredAt: string;
  registeredPosition: number;
  status: MemberStatus;
  verified: boolean;
  verifiedPosition: number | null;
  verifiedBy: string | null;
  /** in-person, document or vouching; null for a verification recorded without evidence. */
  verificationMethod: string | null;
  roles: string[];
  updatedPosition: number;
}

/** A key's history: how it came (registered, or rotated in from another key, maybe on a verifier's word) and when it was retired. */
export interface MemberKey {
  keyId: string;
  publicKey: string;
  registeredPosition: number;
  rotatedFrom: string | null;
  attestedBy: string | null;
  retiredPosition: number | null;
  replacedBy: string | null;
}

export interface MemberDetail extends MemberSummary {
  keys: MemberKey[];
}


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a uuid column's value: anything else cannot match a row. */
export const isUuid = (id: string): boolean => UUID.test(id);

const COLUMNS =
  'member_id, handle, registered_at, registered_position, verified_position, verified_by, verification_method, roles, suspended_until, suspension_reason, left_position, updated_position';

type StatusRow = Pick<MemberTableRow, 'verified_position' | 'suspended_until' | 'suspension_reason' | 'left_position'>;

export function statusOf(r: StatusRow, now: Date): MemberStatus {
  if (r.left_position !== null) return { kind: 'left', atPosition: Number(r.left_position) };
  if (r.suspended_until !== null && r.suspended_until.getTime() > now.getTime()) {
    return { kind: 'suspended', until: r.suspended_until.toISOString(), reason: r.suspension_reason ?? '' };
  }
  return r.verified_position !== null ? { kind: 'verified' } : { kind: 'registered' };
}

function toSummary(r: MemberTableRow, now: Date): MemberSummary {
  return {
    memberId: r.member_id,
    handle: r.handle,
    registeredAt: r.registered_at.toISOString(),
    registeredPosition: Number(r.registered_position),
    status: statusOf(r, now),
    verified: r.verified_position !== null,
    verifiedPosition: r.verified_position === null ? null : Number(r.verified_position),
    verifiedBy: r.verified_by,
    verificationMethod: r.verification_method,
    roles: r.roles,
    updatedPosition: Number(r.updated_position),
  };
}

/** Members in the order they registered; `now` decides whether a suspension still holds (the API passes its clock). */
export async function listMembers(db: Queryable, { limit, offset }: Paging, now: Date = new Date()): Promise<MemberSummary[]> {
  const { rows } = await db.query<MemberTableRow>(
    `SELECT ${COLUMNS} FROM read_models.members ORDER BY registered_position LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return rows.map((r) => toSummary(r, now));
}

/** One member with their roles and registered keys, or null when there is none. */
export async function getMember(db: Queryable, memberId: string, now: Date = new Date()): Promise<MemberDetail | null> {
  if (!isUuid(memberId)) return null;
  type KeyJson = {
    key_id: string;
    public_key: string;
    registered_position: number;
    rotated_from: string | null;
    attested_by: string | null;
    retired_position: number | null;
    replaced_by: string | null;
  };
  const { rows } = await db.query<MemberTableRow & { keys: KeyJson[] }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')},
            COALESCE((SELECT json_agg(json_build_object('key_id', k.key_id, 'public_key', k.public_key, 'registered_position', k.registered_position,
                                                        'rotated_from', k.rotated_from, 'attested_by', k.attested_by,
                                                        'retired_position', k.retired_position, 'replaced_by', k.replaced_by)
                                      ORDER BY k.registered_position)
                        FROM read_models.member_keys k WHERE k.member_id = m.member_id), '[]') AS keys
       FROM read_models.members m WHERE m.member_id = $1`,
    [memberId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    ...toSummary(row, now),
    keys: row.keys.map((k) => ({
      keyId: k.key_id,
      publicKey: k.public_key,
      registeredPosition: Number(k.registered_position),
      rotatedFrom: k.rotated_from,
      attestedBy: k.attested_by,
      retiredPosition: k.retired_position === null ? null : Number(k.retired_position),
      replacedBy: k.replaced_by,
    })),
  };
}

/** The size of the electorate as of a position: members verified at or before it who had not left by then. */
export async function countElectorate(db: Queryable, asOfPosition: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM read_models.members WHERE verified_position <= $1 AND (left_position IS NULL OR left_position > $1)',
    [asOfPosition],
  );
  return Number(rows[0]!.n);
}

export async function countMembers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.members');
  return Number(rows[0]!.n);
}
