import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { BallotTableRow, CandidateTableRow, ElectionTableRow } from '../../read-models/governance/election-rows.js';
import type { Projection } from '../projection.js';
import {
  ELECTION_EVENT_TYPES,
  electionKeysOf,
  foldElections,
  pairKey,
  type BallotRow,
  type CandidateRow,
  type ElectionRow,
  type ElectionsExisting,
} from './elections.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS elections (
    election_id          uuid        PRIMARY KEY,
    title                text        NOT NULL,
    role                 text,
    seats                integer     NOT NULL,
    method               text        NOT NULL CHECK (method IN ('approval', 'irv', 'stv')),
    status               text        NOT NULL CHECK (status IN ('called', 'closed')),
    called_by            uuid        NOT NULL,
    called_at            timestamptz NOT NULL,
    called_position      bigint      NOT NULL,
    nominations_close_at timestamptz NOT NULL,
    closes_at            timestamptz NOT NULL,
    electorate_position  bigint      NOT NULL,
    electorate_size      integer     NOT NULL,
    voters               integer     NOT NULL,
    winners              jsonb,
    ballots_counted      integer,
    quota                numeric,
    closed_at            timestamptz,
    closed_position      bigint,
    last_position        bigint      NOT NULL
  );
  -- The closer looks for called elections whose time is up.
  CREATE INDEX IF NOT EXISTS elections_due ON elections (closes_at) WHERE status = 'called';
  CREATE TABLE IF NOT EXISTS election_candidates (
    election_id       uuid        NOT NULL,
    candidate_id      uuid        NOT NULL,
    statement         text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('standing', 'withdrawn')),
    declared_at       timestamptz NOT NULL,
    declared_position bigint      NOT NULL,
    elected_rank      integer,
    last_position     bigint      NOT NULL,
    PRIMARY KEY (election_id, candidate_id)
  );
  CREATE TABLE IF NOT EXISTS election_ballots (
    election_id   uuid        NOT NULL,
    voter_id      uuid        NOT NULL,
    choices       jsonb       NOT NULL,
    cast_at       timestamptz NOT NULL,
    ballots       integer     NOT NULL,
    last_position bigint      NOT NULL,
    PRIMARY KEY (election_id, voter_id)
  );
  CREATE TABLE IF NOT EXISTS election_rounds (
    election_id uuid    NOT NULL,
    round       integer NOT NULL,
    counts      jsonb   NOT NULL,
    exhausted   numeric NOT NULL,
    elected     jsonb   NOT NULL,
    eliminated  jsonb   NOT NULL,
    transfers   jsonb   NOT NULL,
    tie_breaks  jsonb   NOT NULL,
    PRIMARY KEY (election_id, round)
  );
`;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

async function load(tx: pg.ClientBase, batch: readonly EventEnvelope[]): Promise<ElectionsExisting | null> {
  const keys = electionKeysOf(batch);
  if (keys.elections.length === 0) return null;
  // One client runs one query at a time: sequential, not Promise.all.
  const elections = await tx.query<ElectionTableRow>('SELECT * FROM elections WHERE election_id = ANY($1::uuid[])', [keys.elections]);
  const candidates = await tx.query<CandidateTableRow>(
    `SELECT c.* FROM election_candidates c JOIN unnest($1::uuid[], $2::uuid[]) AS k(election_id, candidate_id) USING (election_id, candidate_id)`,
    [keys.candidates.map((k) => k.electionId), keys.candidates.map((k) => k.memberId)],
  );
  const ballots = await tx.query<BallotTableRow>(
    `SELECT b.* FROM election_ballots b JOIN unnest($1::uuid[], $2::uuid[]) AS k(election_id, voter_id) USING (election_id, voter_id)`,
    [keys.ballots.map((k) => k.electionId), keys.ballots.map((k) => k.memberId)],
  );
  return {
    elections: new Map(elections.rows.map((r) => [r.election_id, electionFromTable(r)])),
    candidates: new Map(candidates.rows.map((r) => [pairKey(r.election_id, r.candidate_id), candidateFromTable(r)])),
    ballots: new Map(
      ballots.rows.map((r) => [
        pairKey(r.election_id, r.voter_id),
        { electionId: r.election_id, voterId: r.voter_id, choices: r.choices, castAt: r.cast_at.toISOString(), ballots: r.ballots, lastPosition: Number(r.last_position) },
      ]),
    ),
  };
}

function electionFromTable(r: ElectionTableRow): ElectionRow {
  return {
    electionId: r.election_id,
    title: r.title,
    role: r.role,
    seats: r.seats,
    method: r.method,
    status: r.status,
    calledBy: r.called_by,
    calledAt: r.called_at.toISOString(),
    calledPosition: Number(r.called_position),
    nominationsCloseAt: r.nominations_close_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    electoratePosition: Number(r.electorate_position),
    electorateSize: r.electorate_size,
    voters: r.voters,
    winners: r.winners,
    ballotsCounted: r.ballots_counted,
    quota: r.quota,
    closedAt: iso(r.closed_at),
    closedPosition: r.closed_position === null ? null : Number(r.closed_position),
    lastPosition: Number(r.last_position),
  };
}

function candidateFromTable(r: CandidateTableRow): CandidateRow {
  return {
    electionId: r.election_id,
    candidateId: r.candidate_id,
    statement: r.statement,
    status: r.status,
    declaredAt: r.declared_at.toISOString(),
    declaredPosition: Number(r.declared_position),
    electedRank: r.elected_rank,
    lastPosition: Number(r.last_position),
  };
}

async function writeElections(tx: pg.ClientBase, e: readonly ElectionRow[]): Promise<void> {
  if (e.length === 0) return;
  await tx.query(
    `INSERT INTO elections AS e
       (election_id, title, role, seats, method, status, called_by, called_at, called_position, nominations_close_at, closes_at,
        electorate_position, electorate_size, voters, winners, ballots_counted, quota, closed_at, closed_position, last_position)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[], $9::bigint[],
                          $10::timestamptz[], $11::timestamptz[], $12::bigint[], $13::int[], $14::int[], $15::jsonb[], $16::int[], $17::numeric[],
                          $18::timestamptz[], $19::bigint[], $20::bigint[])
     ON CONFLICT (election_id) DO UPDATE SET
       status = EXCLUDED.status,
       voters = EXCLUDED.voters,
       winners = EXCLUDED.winners,
       ballots_counted = EXCLUDED.ballots_counted,
       quota = EXCLUDED.quota,
       closed_at = EXCLUDED.closed_at,
       closed_position = EXCLUDED.closed_position,
       last_position = EXCLUDED.last_position
     WHERE e.last_position < EXCLUDED.last_position`,
    [
      e.map((r) => r.electionId),
      e.map((r) => r.title),
      e.map((r) => r.role),
      e.map((r) => r.seats),
      e.map((r) => r.method),
      e.map((r) => r.status),
      e.map((r) => r.calledBy),
      e.map((r) => r.calledAt),
      e.map((r) => r.calledPosition),
      e.map((r) => r.nominationsCloseAt),
      e.map((r) => r.closesAt),
      e.map((r) => r.electoratePosition),
      e.map((r) => r.electorateSize),
      e.map((r) => r.voters),
      e.map((r) => json(r.winners)),
      e.map((r) => r.ballotsCounted),
      e.map((r) => r.quota),
      e.map((r) => r.closedAt),
      e.map((r) => r.closedPosition),
      e.map((r) => r.lastPosition),
    ],
  );
}

async function writeCandidates(tx: pg.ClientBase, c: readonly CandidateRow[]): Promise<void> {
  if (c.length === 0) return;
  await tx.query(
    `INSERT INTO election_candidates AS c (election_id, candidate_id, statement, status, declared_at, declared_position, elected_rank, last_position)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[], $7::int[], $8::bigint[])
     ON CONFLICT (election_id, candidate_id) DO UPDATE SET
       statement = EXCLUDED.statement,
       status = EXCLUDED.status,
       declared_at = EXCLUDED.declared_at,
       declared_position = EXCLUDED.declared_position,
       elected_rank = EXCLUDED.elected_rank,
       last_position = EXCLUDED.last_position
     WHERE c.last_position < EXCLUDED.last_position`,
    [
      c.map((r) => r.electionId),
      c.map((r) => r.candidateId),
      c.map((r) => r.statement),
      c.map((r) => r.status),
      c.map((r) => r.declaredAt),
      c.map((r) => r.declaredPosition),
      c.map((r) => r.electedRank),
      c.map((r) => r.lastPosition),
    ],
  );
}

async function writeBallots(tx: pg.ClientBase, b: readonly BallotRow[]): Promise<void> {
  if (b.length === 0) return;
  await tx.query(
    `INSERT INTO election_ballots AS b (election_id, voter_id, choices, cast_at, ballots, last_position)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[], $4::timestamptz[], $5::int[], $6::bigint[])
     ON CONFLICT (election_id, voter_id) DO UPDATE SET
       choices = EXCLUDED.choices,
       cast_at = EXCLUDED.cast_at,
       ballots = EXCLUDED.ballots,
       last_position = EXCLUDED.last_position
     WHERE b.last_position < EXCLUDED.last_position`,
    [b.map((r) => r.electionId), b.map((r) => r.voterId), b.map((r) => json(r.choices)), b.map((r) => r.castAt), b.map((r) => r.ballots), b.map((r) => r.lastPosition)],
  );
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const existing = await load(tx, batch);
  if (existing === null) return;
  const folded = foldElections(existing, batch);
  await writeElections(tx, folded.elections);
  await writeCandidates(tx, folded.candidates);
  await writeBallots(tx, folded.ballots);
  const r = folded.rounds;
  if (r.length > 0) {
    await tx.query(
      `INSERT INTO election_rounds (election_id, round, counts, exhausted, elected, eliminated, transfers, tie_breaks)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[], $4::numeric[], $5::jsonb[], $6::jsonb[], $7::jsonb[], $8::jsonb[])
       ON CONFLICT (election_id, round) DO NOTHING`,
      [
        r.map((x) => x.electionId),
        r.map((x) => x.round),
        r.map((x) => json(x.counts)),
        r.map((x) => x.exhausted),
        r.map((x) => json(x.elected)),
        r.map((x) => json(x.eliminated)),
        r.map((x) => json(x.transfers)),
        r.map((x) => json(x.tieBreaks)),
      ],
    );
  }
}

/** Elections with their candidates, each voter's latest ballot, and the published count round by round. */
export const electionsProjection: Projection = {
  name: 'elections',
  version: 1,
  handles: ELECTION_EVENT_TYPES,
  tables: ['elections', 'election_candidates', 'election_ballots', 'election_rounds'],
  schema,
  apply,
};
