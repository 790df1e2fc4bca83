import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Projection } from '../projection.js';
import { DECISION_LOG_EVENT_TYPES, decisionIdsOf, foldDecisionLog, type PendingDecisionRow } from './decision-log.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS decision_log (
    proposal_id     uuid        PRIMARY KEY,
    title           text        NOT NULL,
    author_id       uuid        NOT NULL,
    result          text        NOT NULL,
    yes             int         NOT NULL,
    no              int         NOT NULL,
    abstain         int         NOT NULL,
    electorate_size int         NOT NULL,
    turnout_bps     int         NOT NULL,
    quorum_bps      int         NOT NULL,
    threshold_bps   int         NOT NULL,
    opened_at       timestamptz,
    closed_at       timestamptz NOT NULL,
    opened_position bigint,
    closed_position bigint      NOT NULL
  );
  ALTER TABLE decision_log
    ADD COLUMN IF NOT EXISTS delegated_yes int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS delegated_no int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS delegated_abstain int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS motion jsonb NOT NULL DEFAULT '{"kind":"general"}',
    ADD COLUMN IF NOT EXISTS topic text,
    DROP CONSTRAINT IF EXISTS decision_log_result_check;
  ALTER TABLE decision_log
    ADD CONSTRAINT decision_log_result_check CHECK (result IN ('passed', 'rejected', 'no-quorum', 'lapsed'));
  -- listDecisionLog pages newest decision first.
  CREATE INDEX IF NOT EXISTS decision_log_closed_position ON decision_log (closed_position DESC);

  -- What the log needs of proposals not closed yet; it never reads other projections' tables.
  CREATE TABLE IF NOT EXISTS decision_log_pending (
    proposal_id     uuid        PRIMARY KEY,
    title           text        NOT NULL,
    author_id       uuid        NOT NULL,
    quorum_bps      int         NOT NULL,
    threshold_bps   int         NOT NULL,
    opened_at       timestamptz,
    opened_position bigint,
    last_position   bigint      NOT NULL
  );
  ALTER TABLE decision_log_pending
    ADD COLUMN IF NOT EXISTS motion jsonb NOT NULL DEFAULT '{"kind":"general"}',
    ADD COLUMN IF NOT EXISTS topic text;
`;

interface StoredPending {
  proposal_id: string;
  title: string | null;
  author_id: string | null;
  quorum_bps: number | null;
  threshold_bps: number | null;
  opened_at: Date | null;
  opened_position: string | null;
  last_position: string | null;
  motion: PendingDecisionRow['motion'] | null;
  topic: string | null;
  closed: boolean;
}

async function loadState(tx: pg.ClientBase, ids: readonly string[]) {
  const { rows } = await tx.query<StoredPending>(
    `SELECT proposal_id, title, author_id, quorum_bps, threshold_bps, opened_at, opened_position, last_position, motion, topic, false AS closed
       FROM decision_log_pending WHERE proposal_id = ANY($1::uuid[])
     UNION ALL
     SELECT proposal_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true
       FROM decision_log WHERE proposal_id = ANY($1::uuid[])`,
    [ids],
  );
  const pending = new Map<string, PendingDecisionRow>();
  const closed = new Set<string>();
  for (const r of rows) {
    if (r.closed) {
      closed.add(r.proposal_id);
      continue;
    }
    pending.set(r.proposal_id, {
      proposalId: r.proposal_id,
      title: r.title!,
      authorId: r.author_id!,
      quorumBps: r.quorum_bps!,
      thresholdBps: r.threshold_bps!,
      motion: r.motion!,
      topic: r.topic,
      openedAt: r.opened_at?.toISOString() ?? null,
      openedPosition: r.opened_position === null ? null : Number(r.opened_position),
      lastPosition: Number(r.last_position),
    });
  }
  return { pending, closed };
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = decisionIdsOf(batch);
  if (ids.length === 0) return;
  const { pending: p, removed, decisions: d } = foldDecisionLog(await loadState(tx, ids), batch);

  if (p.length > 0) {
    await tx.query(
      `INSERT INTO decision_log_pending AS p
         (proposal_id, title, author_id, quorum_bps, threshold_bps, opened_at, opened_position, last_position, motion, topic)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::int[], $6::timestamptz[], $7::bigint[], $8::bigint[],
                            $9::jsonb[], $10::text[])
       ON CONFLICT (proposal_id) DO UPDATE SET
         title = EXCLUDED.title,
         quorum_bps = EXCLUDED.quorum_bps,
         threshold_bps = EXCLUDED.threshold_bps,
         opened_at = EXCLUDED.opened_at,
         opened_position = EXCLUDED.opened_position,
         motion = EXCLUDED.motion,
         topic = EXCLUDED.topic,
         last_position = EXCLUDED.last_position
       WHERE p.last_position < EXCLUDED.last_position`,
      [
        p.map((r) => r.proposalId),
        p.map((r) => r.title),
        p.map((r) => r.authorId),
        p.map((r) => r.quorumBps),
        p.map((r) => r.thresholdBps),
        p.map((r) => r.openedAt),
        p.map((r) => r.openedPosition),
        p.map((r) => r.lastPosition),
        p.map((r) => JSON.stringify(r.motion)),
        p.map((r) => r.topic),
      ],
    );
  }

  if (removed.length > 0) {
    await tx.query('DELETE FROM decision_log_pending WHERE proposal_id = ANY($1::uuid[])', [removed]);
  }

  if (d.length > 0) {
    await tx.query(
      `INSERT INTO decision_log
         (proposal_id, title, author_id, result, yes, no, abstain, electorate_size, turnout_bps, quorum_bps, threshold_bps,
          opened_at, closed_at, opened_position, closed_position, delegated_yes, delegated_no, delegated_abstain, motion, topic)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                            $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[], $14::bigint[], $15::bigint[],
                            $16::int[], $17::int[], $18::int[], $19::jsonb[], $20::text[])
       ON CONFLICT (proposal_id) DO NOTHING`,
      [
        d.map((r) => r.proposalId),
        d.map((r) => r.title),
        d.map((r) => r.authorId),
        d.map((r) => r.result),
        d.map((r) => r.yes),
        d.map((r) => r.no),
        d.map((r) => r.abstain),
        d.map((r) => r.electorateSize),
        d.map((r) => r.turnoutBps),
        d.map((r) => r.quorumBps),
        d.map((r) => r.thresholdBps),
        d.map((r) => r.openedAt),
        d.map((r) => r.closedAt),
        d.map((r) => r.openedPosition),
        d.map((r) => r.closedPosition),
        d.map((r) => r.delegatedYes),
        d.map((r) => r.delegatedNo),
        d.map((r) => r.delegatedAbstain),
        d.map((r) => JSON.stringify(r.motion)),
        d.map((r) => r.topic),
      ],
    );
  }
}

/**
 * The public decision log: one entry per closed proposal with its result, tally, turnout and the
 * rules it was decided under (DESIGN §4). The analyst views over it are in src/read-models/analytics.
 */
export const decisionLogProjection: Projection = {
  name: 'decision-log',
  // 2: revisions change a pending title and rules; withdrawn and cancelled proposals leave the pending table.
  // 3: motion, topic, delegated weight, the lapsed result.
  version: 3,
  handles: DECISION_LOG_EVENT_TYPES,
  tables: ['decision_log', 'decision_log_pending'],
  schema,
  apply,
};
