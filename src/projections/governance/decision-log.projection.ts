import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Projection } from '../projection.js';
import { DECISION_LOG_ELECTION_EVENT_TYPES, electionLogIdsOf, foldElectionLog, type PendingElectionRow } from './decision-log-elections.fold.js';
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

  -- Closed elections: rounds exactly as ElectionClosed published them (docs/adr/0007-elections-counting.md).
  CREATE TABLE IF NOT EXISTS decision_log_elections (
    election_id     uuid        PRIMARY KEY,
    title           text        NOT NULL,
    role            text,
    seats           int         NOT NULL,
    method          text        NOT NULL CHECK (method IN ('approval', 'irv', 'stv')),
    electorate_size int         NOT NULL,
    voters          int         NOT NULL,
    ballots_counted int         NOT NULL,
    quota           text,
    candidates      jsonb       NOT NULL,
    elected         jsonb       NOT NULL,
    rounds          jsonb       NOT NULL,
    tie_break_rules jsonb       NOT NULL,
    called_at       timestamptz NOT NULL,
    closed_at       timestamptz NOT NULL,
    called_position bigint      NOT NULL,
    closed_position bigint      NOT NULL
  );
  CREATE INDEX IF NOT EXISTS decision_log_elections_closed_position ON decision_log_elections (closed_position DESC);

  CREATE TABLE IF NOT EXISTS decision_log_elections_pending (
    election_id     uuid        PRIMARY KEY,
    title           text        NOT NULL,
    role            text,
    seats           int         NOT NULL,
    method          text        NOT NULL,
    voters          int         NOT NULL,
    called_at       timestamptz NOT NULL,
    called_position bigint      NOT NULL,
    last_position   bigint      NOT NULL
  );
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
  await applyProposals(batch, tx);
  await applyElections(batch, tx);
}

async function applyProposals(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
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

interface StoredPendingElection {
  election_id: string;
  title: string | null;
  role: PendingElectionRow['role'];
  seats: number | null;
  method: PendingElectionRow['method'] | null;
  voters: number | null;
  called_at: Date | null;
  called_position: string | null;
  last_position: string | null;
  closed: boolean;
}

async function loadElections(tx: pg.ClientBase, ids: readonly string[]) {
  const { rows } = await tx.query<StoredPendingElection>(
    `SELECT election_id, title, role, seats, method, voters, called_at, called_position, last_position, false AS closed
       FROM decision_log_elections_pending WHERE election_id = ANY($1::uuid[])
     UNION ALL
     SELECT election_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true
       FROM decision_log_elections WHERE election_id = ANY($1::uuid[])`,
    [ids],
  );
  const pending = new Map<string, PendingElectionRow>();
  const closed = new Set<string>();
  for (const r of rows) {
    if (r.closed) {
      closed.add(r.election_id);
      continue;
    }
    pending.set(r.election_id, {
      electionId: r.election_id,
      title: r.title!,
      role: r.role,
      seats: r.seats!,
      method: r.method!,
      voters: r.voters!,
      calledAt: r.called_at!.toISOString(),
      calledPosition: Number(r.called_position),
      lastPosition: Number(r.last_position),
    });
  }
  return { pending, closed };
}

async function applyElections(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = electionLogIdsOf(batch);
  if (ids.length === 0) return;
  const { pending: p, removed, elections: e } = foldElectionLog(await loadElections(tx, ids), batch);

  if (p.length > 0) {
    await tx.query(
      `INSERT INTO decision_log_elections_pending AS p
         (election_id, title, role, seats, method, voters, called_at, called_position, last_position)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::timestamptz[], $8::bigint[], $9::bigint[])
       ON CONFLICT (election_id) DO UPDATE SET
         voters = EXCLUDED.voters,
         last_position = EXCLUDED.last_position
       WHERE p.last_position < EXCLUDED.last_position`,
      [
        p.map((r) => r.electionId),
        p.map((r) => r.title),
        p.map((r) => r.role),
        p.map((r) => r.seats),
        p.map((r) => r.method),
        p.map((r) => r.voters),
        p.map((r) => r.calledAt),
        p.map((r) => r.calledPosition),
        p.map((r) => r.lastPosition),
      ],
    );
  }

  if (removed.length > 0) {
    await tx.query('DELETE FROM decision_log_elections_pending WHERE election_id = ANY($1::uuid[])', [removed]);
  }

  if (e.length > 0) {
    await tx.query(
      `INSERT INTO decision_log_elections
         (election_id, title, role, seats, method, electorate_size, voters, ballots_counted, quota, candidates, elected, rounds,
          tie_break_rules, called_at, closed_at, called_position, closed_position)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::int[], $8::int[], $9::text[],
                            $10::jsonb[], $11::jsonb[], $12::jsonb[], $13::jsonb[], $14::timestamptz[], $15::timestamptz[], $16::bigint[], $17::bigint[])
       ON CONFLICT (election_id) DO NOTHING`,
      [
        e.map((r) => r.electionId),
        e.map((r) => r.title),
        e.map((r) => r.role),
        e.map((r) => r.seats),
        e.map((r) => r.method),
        e.map((r) => r.electorateSize),
        e.map((r) => r.voters),
        e.map((r) => r.ballotsCounted),
        e.map((r) => r.quota),
        e.map((r) => JSON.stringify(r.candidates)),
        e.map((r) => JSON.stringify(r.elected)),
        e.map((r) => JSON.stringify(r.rounds)),
        e.map((r) => JSON.stringify(r.tieBreakRules)),
        e.map((r) => r.calledAt),
        e.map((r) => r.closedAt),
        e.map((r) => r.calledPosition),
        e.map((r) => r.closedPosition),
      ],
    );
  }
}

/**
 * The public decision log: one entry per closed proposal with its result, tally, turnout and the
 * rules it was decided under (DESIGN §4), and one per closed election with its count round by round. The analyst views over it are in src/read-models/analytics.
 */
export const decisionLogProjection: Projection = {
  name: 'decision-log',
  // 2: revisions change a pending title and rules; withdrawn and cancelled proposals leave the pending table.
  // 3: motion, topic, delegated weight, the lapsed result.
  // 4: closed elections, with every counting round.
  version: 4,
  handles: [...DECISION_LOG_EVENT_TYPES, ...DECISION_LOG_ELECTION_EVENT_TYPES],
  tables: ['decision_log', 'decision_log_pending', 'decision_log_elections', 'decision_log_elections_pending'],
  schema,
  apply,
};
