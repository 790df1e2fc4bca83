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
    verification_method text,
    roles               text[]      NOT NULL DEFAULT '{}',
    suspended_until     timestamptz,
    suspension_reason   text,
    left_position       bigint,
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
    registered_position bigint NOT NULL,
    rotated_from        text,
    attested_by         text,
    retired_position    bigint,
    replaced_by         text
  );
  -- getMember lists a member's keys.
  CREATE INDEX IF NOT EXISTS member_keys_member ON member_keys (member_id, registered_position);
`;

const COLUMNS =
  'member_id, handle, registered_at, registered_position, verified_position, verified_by, verification_method, roles, suspended_until, suspension_reason, left_position, updated_position';

async function loadMembers(tx: pg.ClientBase, ids: readonly string[]): Promise<Map<string, MemberRow>> {
  const { rows } = await tx.query<MemberTableRow>(`SELECT ${COLUMNS} FROM members WHERE member_id = ANY($1::uuid[])`, [ids]);
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
        verificationMethod: r.verification_method,
        roles: r.roles,
        suspendedUntil: r.suspended_until === null ? null : r.suspended_until.toISOString(),
        suspensionReason: r.suspension_reason,
        leftPosition: r.left_position === null ? null : Number(r.left_position),
        updatedPosition: Number(r.updated_position),
      },
    ]),
  );
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = memberIdsOf(batch);
  if (ids.length === 0) return;
  const { members, keys, retired } = foldMembers(await loadMembers(tx, ids), batch);

  if (members.length > 0) {
    // Roles travel as one JSON array per row: unnest cannot take an array of arrays.
    await tx.query(
      `INSERT INTO members AS m (${COLUMNS})
       SELECT x.member_id, x.handle, x.registered_at, x.registered_position, x.verified_position, x.verified_by, x.verification_method,
              ARRAY(SELECT jsonb_array_elements_text(x.roles::jsonb)), x.suspended_until, x.suspension_reason, x.left_position, x.updated_position
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                     $9::timestamptz[], $10::text[], $11::bigint[], $12::bigint[])
           AS x(member_id, handle, registered_at, registered_position, verified_position, verified_by, verification_method, roles,
                suspended_until, suspension_reason, left_position, updated_position)
       ON CONFLICT (member_id) DO UPDATE SET
         handle = EXCLUDED.handle,
         registered_at = EXCLUDED.registered_at,
         registered_position = EXCLUDED.registered_position,
         verified_position = EXCLUDED.verified_position,
         verified_by = EXCLUDED.verified_by,
         verification_method = EXCLUDED.verification_method,
         roles = EXCLUDED.roles,
         suspended_until = EXCLUDED.suspended_until,
         suspension_reason = EXCLUDED.suspension_reason,
         left_position = EXCLUDED.left_position,
         updated_position = EXCLUDED.updated_position
       WHERE m.updated_position < EXCLUDED.updated_position`,
      [
        members.map((m) => m.memberId),
        members.map((m) => m.handle),
        members.map((m) => m.registeredAt),
        members.map((m) => m.registeredPosition),
        members.map((m) => m.verifiedPosition),
        members.map((m) => m.verifiedBy),
        members.map((m) => m.verificationMethod),
        members.map((m) => JSON.stringify(m.roles)),
        members.map((m) => m.suspendedUntil),
        members.map((m) => m.suspensionReason),
        members.map((m) => m.leftPosition),
        members.map((m) => m.updatedPosition),
      ],
    );
  }

  if (keys.length > 0) {
    await tx.query(
      `INSERT INTO member_keys (key_id, member_id, public_key, registered_position, rotated_from, attested_by)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[])
       ON CONFLICT (key_id) DO NOTHING`,
      [
        keys.map((k) => k.keyId),
        keys.map((k) => k.memberId),
        keys.map((k) => k.publicKey),
        keys.map((k) => k.registeredPosition),
        keys.map((k) => k.rotatedFrom),
        keys.map((k) => k.attestedBy),
      ],
    );
  }

  if (retired.length > 0) {
    // The first retirement of a key stands, so replaying a batch changes nothing.
    await tx.query(
      `UPDATE member_keys k SET retired_position = x.retired_position, replaced_by = x.replaced_by
         FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(key_id, retired_position, replaced_by)
        WHERE k.key_id = x.key_id AND k.retired_position IS NULL`,
      [retired.map((r) => r.keyId), retired.map((r) => r.retiredPosition), retired.map((r) => r.replacedBy)],
    );
  }
}

/** Members, their status (verified, suspended, left), roles and keys with their rotation history (DESIGN §4). */
export const membersProjection: Projection = {
  name: 'members',
  // 2: status columns (verification method, suspension, leaving) and key rotation history.
  version: 2,
  handles: MEMBER_EVENT_TYPES,
  tables: ['members', 'member_keys'],
  schema,
  apply,
};
