import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import { fold, stateKeysOf, type NotificationKind, type NotificationState } from './notifications.fold.js';

/**
 * The notifications read model. Not a projection of the runner: it is built by the Kafka consumer
 * from the integration topics, so it keeps its own inbox of event ids instead of a checkpoint.
 * The inbox row, the notifications and the fold's state commit in one transaction: a message
 * delivered twice finds its event id in the inbox and changes nothing.
 */
export const NOTIFICATIONS_SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS read_models;
  CREATE TABLE IF NOT EXISTS read_models.notification_inbox (
    event_id    uuid        PRIMARY KEY,
    position    bigint      NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS read_models.notification_state (
    key   text  PRIMARY KEY,
    value jsonb NOT NULL
  );
  CREATE TABLE IF NOT EXISTS read_models.notifications (
    event_id     uuid        NOT NULL,
    recipient_id text        NOT NULL,
    kind         text        NOT NULL,
    subject      jsonb       NOT NULL,
    summary      text        NOT NULL,
    position     bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (event_id, recipient_id)
  );
  CREATE INDEX IF NOT EXISTS notifications_by_recipient ON read_models.notifications (recipient_id, position DESC);
`;

export async function ensureNotificationsSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Several processes may start at once: CREATE ... IF NOT EXISTS races on the catalog, a lock orders them.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7240010)');
    await client.query(NOTIFICATIONS_SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Applies one event; returns how many notifications it created, or 'duplicate' if its id was seen before. */
export async function receiveEvent(pool: pg.Pool, event: EventEnvelope): Promise<number | 'duplicate'> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inbox = await client.query(`INSERT INTO read_models.notification_inbox (event_id, position) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`, [
      event.id,
      event.position,
    ]);
    if (inbox.rowCount === 0) {
      await client.query('COMMIT');
      return 'duplicate';
    }
    const keys = stateKeysOf(event);
    const state = new Map<string, NotificationState>();
    if (keys.length > 0) {
      const { rows } = await client.query<{ key: string; value: NotificationState }>(`SELECT key, value FROM read_models.notification_state WHERE key = ANY($1::text[])`, [keys]);
      for (const row of rows) state.set(row.key, row.value);
    }
    const { notifications, remember } = fold(event, state);
    if (notifications.length > 0) {
      await client.query(
        `INSERT INTO read_models.notifications (event_id, recipient_id, kind, subject, summary, position, occurred_at)
         SELECT $1, n.recipient_id, n.kind, n.subject, n.summary, $2, $3
         FROM jsonb_to_recordset($4::jsonb) AS n(recipient_id text, kind text, subject jsonb, summary text)
         ON CONFLICT (event_id, recipient_id) DO NOTHING`,
        [event.id, event.position, event.meta.occurredAt, JSON.stringify(notifications.map((n) => ({ recipient_id: n.recipientId, kind: n.kind, subject: n.subject, summary: n.summary })))],
      );
    }
    const entries = Object.entries(remember);
    if (entries.length > 0) {
      await client.query(
        `INSERT INTO read_models.notification_state (key, value)
         SELECT s.key, s.value FROM jsonb_to_recordset($1::jsonb) AS s(key text, value jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify(entries.map(([key, value]) => ({ key, value })))],
      );
    }
    await client.query('COMMIT');
    return notifications.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface NotificationView {
  eventId: string;
  kind: NotificationKind;
  subject: Record<string, unknown>;
  summary: string;
  /** Global position of the event: open it in the public ledger (leaf index). */
  position: number;
  occurredAt: string;
}

export async function listNotifications(pool: pg.Pool, recipientId: string, limit: number, offset: number): Promise<{ items: NotificationView[]; total: number }> {
  const [page, count] = await Promise.all([
    pool.query<{ event_id: string; kind: NotificationKind; subject: Record<string, unknown>; summary: string; position: string; occurred_at: Date }>(
      `SELECT event_id, kind, subject, summary, position, occurred_at FROM read_models.notifications
       WHERE recipient_id = $1 ORDER BY position DESC, kind LIMIT $2 OFFSET $3`,
      [recipientId, limit, offset],
    ),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM read_models.notifications WHERE recipient_id = $1`, [recipientId]),
  ]);
  return {
    items: page.rows.map((r) => ({ eventId: r.event_id, kind: r.kind, subject: r.subject, summary: r.summary, position: Number(r.position), occurredAt: r.occurred_at.toISOString() })),
    total: count.rows[0]!.n,
  };
}
