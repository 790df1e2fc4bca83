import type pg from 'pg';

/** An act the envelope carries: the event store leaves a SQL NULL or a falsy JSON value out of the envelope. */
const HAS_ACT = `act IS NOT NULL AND act NOT IN ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '""'::jsonb)`;

/** One envelope as JSON text, keys in the order the event store's readAll gives them. */
const ENVELOPE_TEXT = `'{"id":' || to_json(id::text)::text || ',"stream":' || to_json(stream)::text || ',"revision":' || revision || ',"position":' || position ||
  ',"type":' || to_json(type)::text || ',"schemaVersion":' || schema_version || ',"data":' || data::text || ',"meta":' || meta::text ||
  CASE WHEN ${HAS_ACT} THEN ',"act":' || act::text ELSE '' END || '}'`;

/**
 * The JSON array of the envelopes at positions >= `from` (at most `limit`), written by PostgreSQL
 * from the event store's table: the same envelopes the event store's readAll gives, with the JSON
 * documents passed through as stored instead of parsed into objects here and written out again.
 * An audit reads every event through here, often from the same process that serves it.
 */
export async function envelopesJson(pool: pg.Pool, from: number, limit: number): Promise<string> {
  const { rows } = await pool.query<{ items: string | null }>(
    `SELECT string_agg(envelope, ',' ORDER BY position) AS items
       FROM (SELECT position, ${ENVELOPE_TEXT} AS envelope FROM event_store.events WHERE position >= $1 ORDER BY position LIMIT $2) e`,
    [from, limit],
  );
  return `[${rows[0]?.items ?? ''}]`;
}
