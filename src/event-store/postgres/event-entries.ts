import type pg from 'pg';
import { envelopeBytes } from '../event-content.js';
import { SELECT_EVENTS, toEnvelope, type EventRowDb } from './event-rows.js';

const PAGE = 5000;

/** Writes the ledger entry of every event stored before entries were (migration 006), in pages. */
export async function backfillEntries(client: pg.ClientBase): Promise<number> {
  let filled = 0;
  for (;;) {
    const { rows } = await client.query<EventRowDb>(`${SELECT_EVENTS} WHERE entry IS NULL ORDER BY position LIMIT ${PAGE}`);
    if (rows.length === 0) return filled;
    await client.query('UPDATE event_store.events e SET entry = u.entry FROM unnest($1::bigint[], $2::bytea[]) AS u(position, entry) WHERE e.position = u.position', [
      rows.map((r) => r.position),
      rows.map((r) => envelopeBytes(toEnvelope(r))),
    ]);
    filled += rows.length;
  }
}
