import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { ProposalTableRow } from '../../read-models/governance/proposal-row.js';
import type { Projection } from '../projection.js';
import {
  foldProposalEvents,
  PROPOSAL_EVENT_TYPES,
  proposalEventsOf,
  voteOnlyChanges,
  type ProposalEnvelope,
  type ProposalRow,
  type ProposalsChanges,
  type ProposalStatus,
  type TallyDelta,
  type VoteRow,
} from './proposals.fold.js';

const UNIQUE_VIOLATION = '23505';

const schema = `
  CREATE TABLE IF NOT EXISTS proposals (
    proposal_id         uuid        PRIMARY KEY,
    author_id           uuid        NOT NULL,
    title               text        NOT NULL,
    body                text        NOT NULL,
    status              text        NOT NULL,
    quorum_bps          int         NOT NULL,
    threshold_bps       int         NOT NULL,
    allow_vote_change   boolean     NOT NULL,
    drafted_at          timestamptz NOT NULL,
    drafted_position    bigint      NOT NULL,
    revisions           int         NOT NULL DEFAULT 0,
    submitted_at        timestamptz,
    opened_at           timestamptz,
    closes_at           timestamptz,
    closed_at           timestamptz,
    electorate_position bigint,
    electorate_size     int,
    yes                 int         NOT NULL DEFAULT 0,
    no                  int         NOT NULL DEFAULT 0,
    abstain             int         NOT NULL DEFAULT 0,
    result              text,
    withdrawn_at        timestamptz,
    cancelled_at        timestamptz,
    cancelled_by        uuid,
    cancel_reason       text,
    last_position       bigint      NOT NULL
  );
  -- Tables of version 1 (three statuses) gain the columns of the full lifecycle; the rebuild then refills them.
  ALTER TABLE proposals
    ADD COLUMN IF NOT EXISTS revisions int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS submitted_at timestamptz,
    ADD COLUMN IF NOT EXISTS withdrawn_at timestamptz,
    ADD COLUMN IF NOT EXISTS cancelled_at timestamptz,
    ADD COLUMN IF NOT EXISTS cancelled_by uuid,
    ADD COLUMN IF NOT EXISTS cancel_reason text,
    ADD COLUMN IF NOT EXISTS motion jsonb NOT NULL DEFAULT '{"kind":"general"}',
    ADD COLUMN IF NOT EXISTS topic text,
    ADD COLUMN IF NOT EXISTS delegated_yes int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS delegated_no int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS delegated_abstain int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS delegations_position bigint,
    DROP CONSTRAINT IF EXISTS proposals_result_check,
    DROP CONSTRAINT IF EXISTS proposals_status_check;
  ALTER TABLE proposals
    ADD CONSTRAINT proposals_result_check CHECK (result IN ('passed', 'rejected', 'no-quorum', 'lapsed'));
  ALTER TABLE proposals
    ADD CONSTRAINT proposals_status_check CHECK (status IN ('drafted', 'submitted', 'open', 'closed', 'withdrawn', 'cancelled'));
  -- Every batch of votes rewrites the tally of thousands of rows: room left on each page keeps
  -- those updates on their page (HOT), without a new entry in every index of the table.
  ALTER TABLE proposals SET (fillfactor = 50);
  -- listProposals pages newest first, optionally by status.
  CREATE INDEX IF NOT EXISTS proposals_drafted_position ON proposals (drafted_position DESC);
  CREATE INDEX IF NOT EXISTS proposals_status_drafted_position ON proposals (status, drafted_position DESC);
  -- listOpenProposalsDue: the closer looks for open proposals whose time is up.
  CREATE INDEX IF NOT EXISTS proposals_open_closes_at ON proposals (closes_at) WHERE status = 'open';

  CREATE TABLE IF NOT EXISTS proposal_votes (
    proposal_id uuid        NOT NULL,
    voter_id    uuid        NOT NULL,
    choice      text        NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    position    bigint      NOT NULL,
    cast_at     timestamptz NOT NULL,
    PRIMARY KEY (proposal_id, voter_id)
  );
`;


const isoOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const numberOrNull = (s: string | null): number | null => (s === null ? null : Number(s));

async function loadProposals(tx: pg.ClientBase, ids: readonly string[]): Promise<Map<string, ProposalRow>> {
  const { rows } = await tx.query<ProposalTableRow>('SELECT * FROM proposals WHERE proposal_id = ANY($1::uuid[])', [ids]);
  return new Map(
    rows.map((r) => [
      r.proposal_id,
      {
        proposalId: r.proposal_id,
        authorId: r.author_id,
        title: r.title,
        body: r.body,
        status: r.status,
        quorumBps: r.quorum_bps,
        thresholdBps: r.threshold_bps,
        allowVoteChange: r.allow_vote_change,
        motion: r.motion,
        topic: r.topic,
        draftedAt: r.drafted_at.toISOString(),
        draftedPosition: Number(r.drafted_position),
        revisions: r.revisions,
        submittedAt: isoOrNull(r.submitted_at),
        openedAt: isoOrNull(r.opened_at),
        closesAt: isoOrNull(r.closes_at),
        closedAt: isoOrNull(r.closed_at),
        electoratePosition: numberOrNull(r.electorate_position),
        electorateSize: r.electorate_size,
        yes: r.yes,
        no: r.no,
        abstain: r.abstain,
        delegatedYes: r.delegated_yes,
        delegatedNo: r.delegated_no,
        delegatedAbstain: r.delegated_abstain,
        delegationsPosition: numberOrNull(r.delegations_position),
        result: r.result,
        withdrawnAt: isoOrNull(r.withdrawn_at),
        cancelledAt: isoOrNull(r.cancelled_at),
        cancelledBy: r.cancelled_by,
        cancelReason: r.cancel_reason,
        lastPosition: Number(r.last_position),
      },
    ]),
  );
}

/** Whether a folded row differs from the loaded one only in its live tally and last position (what votes change). */
function onlyTallyChanged(before: ProposalRow | undefined, after: ProposalRow): boolean {
  if (before === undefined) return false;
  for (const key of Object.keys(after) as (keyof ProposalRow)[]) {
    if (key === 'yes' || key === 'no' || key === 'abstain' || key === 'lastPosition') continue;
    if (before[key] !== after[key]) return false;
  }
  return true;
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const events = proposalEventsOf(batch);
  if (events.length === 0) return;
  // Most proposals of a batch only get votes: their tally moves in SQL, without reading the row back.
  const { deltas, firstVotes, changedVotes } = voteOnlyChanges(events);
  const tallied = await addToTallies(tx, deltas);
  const rest = tallied.size === 0 ? events : events.filter((e) => !tallied.has(e.data.proposalId));
  const folded = rest.length === 0 ? { proposals: [], votes: [] } : await foldLoaded(tx, rest);
  const ofTallied = (votes: VoteRow[]) => (tallied.size === deltas.length ? votes : votes.filter((v) => tallied.has(v.proposalId)));
  await writeVotes(tx, ofTallied(firstVotes), [...ofTallied(changedVotes), ...folded.votes]);
}

/**
 * Adds each delta to its proposal's tally when the row stands before the delta's first vote.
 * Returns the proposals so changed; the others (missing, or already past those votes) are folded.
 */
async function addToTallies(tx: pg.ClientBase, deltas: readonly TallyDelta[]): Promise<Set<string>> {
  if (deltas.length === 0) return new Set();
  const { rows } = await tx.query<{ proposal_id: string }>(
    `UPDATE proposals AS p SET yes = p.yes + t.yes, no = p.no + t.no, abstain = p.abstain + t.abstain, last_position = t.last_position
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::bigint[], $6::bigint[]) AS t(proposal_id, yes, no, abstain, first_position, last_position)
      WHERE p.proposal_id = t.proposal_id AND p.last_position < t.first_position
    RETURNING p.proposal_id`,
    [deltas.map((d) => d.proposalId), deltas.map((d) => d.yes), deltas.map((d) => d.no), deltas.map((d) => d.abstain), deltas.map((d) => d.firstPosition), deltas.map((d) => d.lastPosition)],
  );
  return new Set(rows.map((r) => r.proposal_id));
}

/** Folds events onto the rows they touch, read back from the table, and writes the changed rows. Returns the votes to store. */
async function foldLoaded(tx: pg.ClientBase, events: readonly ProposalEnvelope[]): Promise<ProposalsChanges> {
  const loaded = await loadProposals(tx, [...new Set(events.map((e) => e.data.proposalId))]);
  const folded = foldProposalEvents(loaded, events);
  // Rows that only gained votes get a narrow UPDATE of the tally, the others (new, or moved along
  // their lifecycle) the full upsert.
  const tallies: ProposalRow[] = [];
  const p: ProposalRow[] = [];
  for (const row of folded.proposals) (onlyTallyChanged(loaded.get(row.proposalId), row) ? tallies : p).push(row);

  if (tallies.length > 0) {
    await tx.query(
      `UPDATE proposals AS p SET yes = t.yes, no = t.no, abstain = t.abstain, last_position = t.last_position
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::bigint[]) AS t(proposal_id, yes, no, abstain, last_position)
        WHERE p.proposal_id = t.proposal_id AND p.last_position < t.last_position`,
      [tallies.map((r) => r.proposalId), tallies.map((r) => r.yes), tallies.map((r) => r.no), tallies.map((r) => r.abstain), tallies.map((r) => r.lastPosition)],
    );
  }

  if (p.length > 0) {
    await tx.query(
      `INSERT INTO proposals AS p
         (proposal_id, author_id, title, body, status, quorum_bps, threshold_bps, allow_vote_change, drafted_at, drafted_position,
          opened_at, closes_at, closed_at, electorate_position, electorate_size, yes, no, abstain, result, last_position,
          revisions, submitted_at, withdrawn_at, cancelled_at, cancelled_by, cancel_reason,
          motion, topic, delegated_yes, delegated_no, delegated_abstain, delegations_position)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::boolean[],
                            $9::timestamptz[], $10::bigint[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[],
                            $14::bigint[], $15::int[], $16::int[], $17::int[], $18::int[], $19::text[], $20::bigint[],
                            $21::int[], $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::uuid[], $26::text[],
                            $27::jsonb[], $28::text[], $29::int[], $30::int[], $31::int[], $32::bigint[])
       ON CONFLICT (proposal_id) DO UPDATE SET
         title = EXCLUDED.title,
         body = EXCLUDED.body,
         revisions = EXCLUDED.revisions,
         submitted_at = EXCLUDED.submitted_at,
         withdrawn_at = EXCLUDED.withdrawn_at,
         cancelled_at = EXCLUDED.cancelled_at,
         cancelled_by = EXCLUDED.cancelled_by,
         cancel_reason = EXCLUDED.cancel_reason,
         status = EXCLUDED.status,
         quorum_bps = EXCLUDED.quorum_bps,
         threshold_bps = EXCLUDED.threshold_bps,
         allow_vote_change = EXCLUDED.allow_vote_change,
         opened_at = EXCLUDED.opened_at,
         closes_at = EXCLUDED.closes_at,
         closed_at = EXCLUDED.closed_at,
         electorate_position = EXCLUDED.electorate_position,
         electorate_size = EXCLUDED.electorate_size,
         yes = EXCLUDED.yes,
         no = EXCLUDED.no,
         abstain = EXCLUDED.abstain,
         result = EXCLUDED.result,
         motion = EXCLUDED.motion,
         topic = EXCLUDED.topic,
         delegated_yes = EXCLUDED.delegated_yes,
         delegated_no = EXCLUDED.delegated_no,
         delegated_abstain = EXCLUDED.delegated_abstain,
         delegations_position = EXCLUDED.delegations_position,
         last_position = EXCLUDED.last_position
       WHERE p.last_position < EXCLUDED.last_position`,
      [
        p.map((r) => r.proposalId),
        p.map((r) => r.authorId),
        p.map((r) => r.title),
        p.map((r) => r.body),
        p.map((r) => r.status),
        p.map((r) => r.quorumBps),
        p.map((r) => r.thresholdBps),
        p.map((r) => r.allowVoteChange),
        p.map((r) => r.draftedAt),
        p.map((r) => r.draftedPosition),
        p.map((r) => r.openedAt),
        p.map((r) => r.closesAt),
        p.map((r) => r.closedAt),
        p.map((r) => r.electoratePosition),
        p.map((r) => r.electorateSize),
        p.map((r) => r.yes),
        p.map((r) => r.no),
        p.map((r) => r.abstain),
        p.map((r) => r.result),
        p.map((r) => r.lastPosition),
        p.map((r) => r.revisions),
        p.map((r) => r.submittedAt),
        p.map((r) => r.withdrawnAt),
        p.map((r) => r.cancelledAt),
        p.map((r) => r.cancelledBy),
        p.map((r) => r.cancelReason),
        p.map((r) => JSON.stringify(r.motion)),
        p.map((r) => r.topic),
        p.map((r) => r.delegatedYes),
        p.map((r) => r.delegatedNo),
        p.map((r) => r.delegatedAbstain),
        p.map((r) => r.delegationsPosition),
      ],
    );
  }

  return folded;
}

const VOTE_COLUMNS = '(proposal_id, voter_id, choice, position, cast_at)';
const VOTE_ROWS = `SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[]) AS u${VOTE_COLUMNS}
  -- In key order, consecutive rows land on the same pages of the primary key's index.
  ORDER BY proposal_id, voter_id`;
const voteParams = (votes: readonly VoteRow[]) => [votes.map((v) => v.proposalId), votes.map((v) => v.voterId), votes.map((v) => v.choice), votes.map((v) => v.position), votes.map((v) => v.castAt)];

async function upsertVotes(tx: pg.ClientBase, votes: readonly VoteRow[]): Promise<void> {
  if (votes.length === 0) return;
  await tx.query(
    `INSERT INTO proposal_votes AS v ${VOTE_COLUMNS} ${VOTE_ROWS}
     ON CONFLICT (proposal_id, voter_id) DO UPDATE SET
       choice = EXCLUDED.choice, position = EXCLUDED.position, cast_at = EXCLUDED.cast_at
     WHERE v.position < EXCLUDED.position`,
    voteParams(votes),
  );
}

/**
 * Stores the latest vote of each (proposal, voter). A voter's first vote on a proposal has no row
 * yet: those go in with a plain INSERT, about half the work of the upsert's check-then-insert per
 * row. The other votes then go through the upsert, whose position guard keeps the later vote
 * whichever statement wrote it. Should a first vote find a row after all (a log that contradicts
 * itself), every vote goes through the upsert, the latest of each key only.
 */
async function writeVotes(tx: pg.ClientBase, firstVotes: readonly VoteRow[], otherVotes: readonly VoteRow[]): Promise<void> {
  if (firstVotes.length > 0) {
    await tx.query('SAVEPOINT first_votes');
    try {
      await tx.query(`INSERT INTO proposal_votes ${VOTE_COLUMNS} ${VOTE_ROWS}`, voteParams(firstVotes));
      await tx.query('RELEASE SAVEPOINT first_votes');
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT first_votes');
      await upsertVotes(tx, latestOfEachKey([...firstVotes, ...otherVotes]));
      return;
    }
  }
  await upsertVotes(tx, otherVotes);
}

function latestOfEachKey(votes: readonly VoteRow[]): VoteRow[] {
  const latest = new Map<string, VoteRow>();
  for (const vote of votes) {
    const key = `${vote.proposalId} ${vote.voterId}`;
    const seen = latest.get(key);
    if (seen === undefined || seen.position < vote.position) latest.set(key, vote);
  }
  return [...latest.values()];
}

/** Proposals with their rules, electorate, live tally and result, and each voter's latest vote (DESIGN §4). */
export const proposalsProjection: Projection = {
  name: 'proposals',
  // 2: the full lifecycle (revised, submitted, withdrawn, cancelled). 3: motion, topic, delegated weight, lapsed.
  version: 3,
  handles: PROPOSAL_EVENT_TYPES,
  tables: ['proposals', 'proposal_votes'],
  schema,
  apply,
};
