import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Projection } from '../projection.js';
import { DECISION_LOG_EVENT_TYPES, decisionIdsOf, foldDecisionLog, type PendingDecisionRow } from './decision-log.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS decision_log (
    proposal_id     uuid        PRIMARY KEY,
    title           text        NOT NULL,
    author_id       uuid        NOT NULL,
    result          text        NOT NULL CHECK (result IN ('passed', 'rejected', 'no-quorum')),
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

  -- Read-only views for analysts (DESIGN §4).
  CREATE OR REPLACE VIEW analytics.decision_log AS
    SELECT proposal_id, title, author_id, result, yes, no, abstain,
           yes + no + abstain AS votes_cast, electorate_size, turnout_bps, quorum_bps, threshold_bps,
           opened_at, closed_at, opened_position, closed_position
      FROM decision_log;

  CREATE OR REPLACE VIEW analytics.turnout_by_month AS
    SELECT date_trunc('month', closed_at AT TIME ZONE 'UTC')::date AS month,
           count(*)::int AS proposals_closed,
           (count(*) FILTER (WHERE result = 'passed'))::int AS passed,
           (count(*) FILTER (WHERE result = 'rejected'))::int AS rejected,
           (count(*) FILTER (WHERE result = 'no-quorum'))::int AS no_quorum,
           sum(yes + no + abstain)::bigint AS votes_cast,
           sum(electorate_size)::bigint AS electorate_total,
           -- pooled turnout: all votes over all seats of the month, rounded down
           COALESCE(sum(yes + no + abstain)::bigint * 10000 / NULLIF(sum(electorate_size)::bigint, 0), 0)::int AS turnout_bps,
           min(turnout_bps) AS min_turnout_bps,
           max(turnout_bps) AS max_turnout_bps
      FROM decision_log
     GROUP BY 1;
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
  closed: boolean;
}

async function loadState(tx: pg.ClientBase, ids: readonly string[]) {
  const { rows } = await tx.query<StoredPending>(
    `SELECT proposal_id, title, author_id, quorum_bps, threshold_bps, opened_at, opened_position, last_position, false AS closed
       FROM decision_log_pending WHERE proposal_id = ANY($1::uuid[])
     UNION ALL
     SELECT proposal_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true
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
         (proposal_id, title, author_id, quorum_bps, threshold_bps, opened_at, opened_position, last_position)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::int[], $6::timestamptz[], $7::bigint[], $8::bigint[])
       ON CONFLICT (proposal_id) DO UPDATE SET
         title = EXCLUDED.title,
         quorum_bps = EXCLUDED.quorum_bps,
         threshold_bps = EXCLUDED.threshold_bps,
         opened_at = EXCLUDED.opened_at,
         opened_position = EXCLUDED.opened_position,
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
          opened_at, closed_at, opened_position, closed_position)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                            $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[], $14::bigint[], $15::bigint[])
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
      ],
    );
  }
}

/**
 * The public decision log: one entry per closed proposal with its result, tally, turnout and the
 * rules it was decided under (DESIGN §4), plus the analyst views analytics.decision_log and
 * analytics.turnout_by_month.
 */
export const decisionLogProjection: Projection = {
  name: 'decision-log',
  // 2: revisions change a pending title and rules; withdrawn and cancelled proposals leave the pending table.
  version: 2,
  handles: DECISION_LOG_EVENT_TYPES,
  tables: ['decision_log', 'decision_log_pending'],
  schema,
  apply,
};
