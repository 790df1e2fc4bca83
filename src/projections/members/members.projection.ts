import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { MemberTableRow } from '../../read-models/members/member-row.js';
import type { Projection } from '../projection.js';
import { foldMembers, MEMBER_EVENT_TYPES, memberIdsOf, type MemberRow } from './members.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS members (
    member_id           uuid        PRIMARY KEY,
    handle              text        NOT NULL,
    registered_at       timestamptz NOT NULL,
    registered_position bigint      NOT NULL,
    verified_position   bigint,
    verified_by         text,
    roles               text[]      NOT NULL DEFAULT '{}',
    updated_position    bigint      NOT NULL
  );
  -- listMembers pages in registration order.
  CREATE INDEX IF NOT EXISTS members_registered_position ON members (registered_position);
  -- countElectorate: members verified at or before a position.
  CREATE INDEX IF NOT EXISTS members_verified_position ON members (verified_position) WHERE verified_position IS NOT NULL;

  CREATE TABLE IF NOT EXISTS member_keys (
    key_id              text   PRIMARY KEY,
    member_id           uuid   NOT NULL,
    public_key          text   NOT NULL,
    registered_position bigint NOT NULL
  );
  -- getMember lists a member's keys.
  CREATE INDEX IF NOT EXISTS member_keys_member ON member_keys (member_id, registered_position);
`;


async function loadMembers(tx: pg.ClientBase, ids: readonly string[]): Promise<Map<string, MemberRow>> {
  const { rows } = await tx.query<MemberTableRow>(
    `SELECT member_id, handle, registered_at, registered_position, verified_position, verified_by, roles, updated_position
       FROM members WHERE member_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.member_id,
      {
        memberId: r.member_id,
        handle: r.handle,
        registeredAt: r.registered_at.toISOString(),
        registeredPosition: Number(r.registered_position),
        verifiedPosition: r.verified_position === null ? null : Number(r.verified_position),
        verifiedBy: r.verified_by,
        roles: r.roles,
        updatedPosition: Number(r.updated_position),
      },
    ]),
  );
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = memberIdsOf(batch);
  if (ids.length === 0) return;
  const { members, keys } = foldMembers(await loadMembers(tx, ids), batch);

  if (members.length > 0) {
    // Roles travel as one JSON array per row: unnest cannot take an array of arrays.
    await tx.query(
      `INSERT INTO members AS m
         (member_id, handle, registered_at, registered_position, verified_position, verified_by, roles, updated_position)
       SELECT x.member_id, x.handle, x.registered_at, x.registered_position, x.verified_position, x.verified_by,
              ARRAY(SELECT jsonb_array_elements_text(x.roles::jsonb)), x.updated_position
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::bigint[])
           AS x(member_id, handle, registered_at, registered_position, verified_position, verified_by, roles, updated_position)
       ON CONFLICT (member_id) DO UPDATE SET
         handle = EXCLUDED.handle,
         registered_at = EXCLUDED.registered_at,
         registered_position = EXCLUDED.registered_position,
         verified_position = EXCLUDED.verified_position,
         verified_by = EXCLUDED.verified_by,
         roles = EXCLUDED.roles,
         updated_position = EXCLUDED.updated_position
       WHERE m.updated_position < EXCLUDED.updated_position`,
      [
        members.map((m) => m.memberId),
        members.map((m) => m.handle),
        members.map((m) => m.registeredAt),
        members.map((m) => m.registeredPosition),
        members.map((m) => m.verifiedPosition),
        members.map((m) => m.verifiedBy),
        members.map((m) => JSON.stringify(m.roles)),
        members.map((m) => m.updatedPosition),
      ],
    );
  }

  if (keys.length > 0) {
    await tx.query(
      `INSERT INTO member_keys (key_id, member_id, public_key, registered_position)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bigint[])
       ON CONFLICT (key_id) DO NOTHING`,
      [keys.map((k) => k.keyId), keys.map((k) => k.memberId), keys.map((k) => k.publicKey), keys.map((k) => k.registeredPosition)],
    );
  }
}

/** Members, their verification, roles and public keys (DESIGN §4): members and member_keys. */
export const membersProjection: Projection = {
  name: 'members',
  version: 1,
  handles: MEMBER_EVENT_TYPES,
  tables: ['members', 'member_keys'],
  schema,
  apply,
};
