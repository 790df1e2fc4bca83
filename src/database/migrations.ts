import type pg from 'pg';
import { backfillEntries } from '../event-store/postgres/event-entries.js';

/**
 * The schema, one entry per change, applied in order and never edited once released.
 * Read-model tables are not here: each projection owns and creates its own (src/projections).
 */
export interface Migration {
  id: string;
  sql: string;
  /** Work SQL cannot do (encoding rows the way the application does), run after `sql` in the same transaction. */
  then?: (client: pg.ClientBase) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-event-store',
    sql: `
      CREATE SCHEMA IF NOT EXISTS event_store;
      CREATE TABLE event_store.events (
        position       bigint PRIMARY KEY,
        id             uuid   NOT NULL UNIQUE,
        stream         text   NOT NULL,
        revision       bigint NOT NULL,
        type           text   NOT NULL,
        schema_version int    NOT NULL,
        data           jsonb  NOT NULL,
        meta           jsonb  NOT NULL,
        act            jsonb,
        UNIQUE (stream, revision)
      );
      -- The next global position. Updated only under the append lock, so positions are gap-free.
      CREATE TABLE event_store.head (
        singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        next_position bigint NOT NULL
      );
      INSERT INTO event_store.head VALUES (true, 0);

      -- One group commit in one round trip. The writer plans positions and revisions from what
      -- it last knew and sends the rows in one INSERT guarded by this function: under the append
      -- lock it checks that knowledge (head, and the revision of every stream in the group), then
      -- moves the head. When it returns false the INSERT writes nothing. A stored event id (a
      -- retry) fails the INSERT with unique_violation, rolling the whole statement back.
      CREATE FUNCTION event_store.claim_positions(expected_head bigint, check_streams text[], check_revisions bigint[], count bigint)
      RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        head bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(7240002);
        -- Each statement of a volatile function reads a fresh snapshot: it sees the previous holder's commit.
        SELECT next_position INTO head FROM event_store.head;
        IF head <> expected_head THEN RETURN false; END IF;
        IF EXISTS (
          SELECT 1 FROM unnest(check_streams, check_revisions) AS c(stream, revision)
           WHERE coalesce((SELECT max(e.revision) FROM event_store.events e WHERE e.stream = c.stream), -1) <> c.revision
        ) THEN RETURN false; END IF;
        UPDATE event_store.head SET next_position = expected_head + count;
        PERFORM pg_notify('event_store_appended', (expected_head + count)::text);
        RETURN true;
      END $$;
    `,
  },
  {
    id: '002-projections',
    sql: `
      CREATE SCHEMA IF NOT EXISTS projections;
      CREATE TABLE projections.checkpoints (
        name       text PRIMARY KEY,
        version    int    NOT NULL,
        position   bigint NOT NULL DEFAULT 0,
        status     text   NOT NULL DEFAULT 'running',
        error      text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE SCHEMA IF NOT EXISTS read_models;
      CREATE SCHEMA IF NOT EXISTS analytics;
    `,
  },
  {
    id: '003-identity',
    sql: `
      CREATE SCHEMA IF NOT EXISTS identity;
      -- Personal data: never on the log (DESIGN §6). Deleting a row erases the member's private data.
      CREATE TABLE identity.accounts (
        member_id     uuid PRIMARY KEY,
        email         text NOT NULL,
        handle        text NOT NULL,
        password_hash text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX accounts_email ON identity.accounts (lower(email));
      CREATE UNIQUE INDEX accounts_handle ON identity.accounts (lower(handle));
      CREATE SCHEMA IF NOT EXISTS api;
      CREATE TABLE api.idempotency (
        actor        text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        status_code  int,
        body         jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      );
    `,
  },
  {
    id: '004-records-contracts-private',
    sql: `
      -- Payment references and contract documents: off the log, committed to on it (DESIGN §6).
      CREATE SCHEMA IF NOT EXISTS records_private;
      CREATE TABLE records_private.payment_references (
        transaction_id uuid PRIMARY KEY,
        reference      text  NOT NULL,
        salt           bytea NOT NULL,
        commitment     text  NOT NULL
      );
      CREATE SCHEMA IF NOT EXISTS contracts_private;
      CREATE TABLE contracts_private.documents (
        contract_id uuid PRIMARY KEY,
        sha256      text NOT NULL,
        visibility  text NOT NULL CHECK (visibility IN ('private', 'public')),
        document    text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX documents_sha256 ON contracts_private.documents (sha256);
    `,
  },
  {
    id: '005-verification-evidence',
    sql: `
      -- The private evidence behind a verification; the log holds only its salted commitment.
      -- Deleted with the account when the member leaves.
      CREATE TABLE identity.verification_evidence (
        commitment  text PRIMARY KEY,
        member_id   uuid NOT NULL,
        verifier_id text NOT NULL,
        method      text NOT NULL,
        description text NOT NULL,
        salt        bytea NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX verification_evidence_member ON identity.verification_evidence (member_id);
    `,
  },
  {
    id: '006-event-entries',
    sql: `
      -- Each event's ledger entry (its canonical envelope, RFC 8785), written with the event: the
      -- integrator hashes it where it lies and the tiles serve it, so no event is encoded twice.
      ALTER TABLE event_store.events ADD COLUMN entry bytea;
    `,
    then: async (client) => {
      await backfillEntries(client);
      await client.query('ALTER TABLE event_store.events ALTER COLUMN entry SET NOT NULL');
    },
  },
];

const LOCK_KEY = 7_240_001;

/** Applies pending migrations, each in its own transaction, one process at a time. */
export async function migrate(client: pg.ClientBase): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM public.schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await migration.then?.(client);
        await client.query('INSERT INTO public.schema_migrations (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
