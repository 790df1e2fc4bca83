import type pg from 'pg';
import type { MemberTableRow } from './member-row.js';

/** Anything that runs a query: a pool, or a client (e.g. inside a transaction). */
export type Queryable = pg.Pool | pg.ClientBase;

export interface Paging {
  limit: number;
  offset: number;
}

export interface MemberSummary {
  memberId: string;
  handle: string;
  registeredAt: string;
  registeredPosition: number;
  verified: boolean;
  verifiedPosition: number | null;
  verifiedBy: string | null;
  roles: string[];
  updatedPosition: number;
}

export interface MemberKey {
  keyId: string;
  publicKey: string;
  registeredPosition: number;
}

export interface MemberDetail extends MemberSummary {
  keys: MemberKey[];
}


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a uuid column's value: anything else cannot match a row. */
export const isUuid = (id: string): boolean => UUID.test(id);

const COLUMNS = 'member_id, handle, registered_at, registered_position, verified_position, verified_by, roles, updated_position';

function toSummary(r: MemberTableRow): MemberSummary {
  return {
    memberId: r.member_id,
    handle: r.handle,
    registeredAt: r.registered_at.toISOString(),
    registeredPosition: Number(r.registered_position),
    verified: r.verified_position !== null,
    verifiedPosition: r.verified_position === null ? null : Number(r.verified_position),
    verifiedBy: r.verified_by,
    roles: r.roles,
    updatedPosition: Number(r.updated_position),
  };
}

/** Members in the order they registered. */
export async function listMembers(db: Queryable, { limit, offset }: Paging): Promise<MemberSummary[]> {
  const { rows } = await db.query<MemberTableRow>(
    `SELECT ${COLUMNS} FROM read_models.members ORDER BY registered_position LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return rows.map(toSummary);
}

/** One member with their roles and registered keys, or null when there is none. */
export async function getMember(db: Queryable, memberId: string): Promise<MemberDetail | null> {
  if (!isUuid(memberId)) return null;
  const { rows } = await db.query<MemberTableRow & { keys: { key_id: string; public_key: string; registered_position: number }[] }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')},
            COALESCE((SELECT json_agg(json_build_object('key_id', k.key_id, 'public_key', k.public_key, 'registered_position', k.registered_position)
                                      ORDER BY k.registered_position)
                        FROM read_models.member_keys k WHERE k.member_id = m.member_id), '[]') AS keys
       FROM read_models.members m WHERE m.member_id = $1`,
    [memberId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    ...toSummary(row),
    keys: row.keys.map((k) => ({ keyId: k.key_id, publicKey: k.public_key, registeredPosition: Number(k.registered_position) })),
  };
}

/** The size of the electorate as of a position: members verified at or before it. */
export async function countElectorate(db: Queryable, asOfPosition: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.members WHERE verified_position <= $1', [asOfPosition]);
  return Number(rows[0]!.n);
}

export async function countMembers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.members');
  return Number(rows[0]!.n);
}
