import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { ProposalTableRow } from '../../read-models/governance/proposal-row.js';
import type { Projection } from '../projection.js';
import { foldProposalEvents, PROPOSAL_EVENT_TYPES, proposalEventsOf, type ProposalRow, type ProposalStatus } from './proposals.fold.js';

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
  const loaded = await loadProposals(tx, [...new Set(events.map((e) => e.data.proposalId))]);
  const { proposals: changed, votes } = foldProposalEvents(loaded, events);
  // Most rows a batch of votes changes only gain votes: those get a narrow UPDATE of the tally,
  // the others (new, or moved along their lifecycle) the full upsert.
  const tallies: ProposalRow[] = [];
  const p: ProposalRow[] = [];
  for (const row of changed) (onlyTallyChanged(loaded.get(row.proposalId), row) ? tallies : p).push(row);

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

  if (votes.length > 0) {
    await tx.query(
      // In key order, consecutive rows land on the same pages of the primary key's index.
      `INSERT INTO proposal_votes AS v (proposal_id, voter_id, choice, position, cast_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[]) AS u(proposal_id, voter_id, choice, position, cast_at)
        ORDER BY proposal_id, voter_id
       ON CONFLICT (proposal_id, voter_id) DO UPDATE SET
         choice = EXCLUDED.choice, position = EXCLUDED.position, cast_at = EXCLUDED.cast_at
       WHERE v.position < EXCLUDED.position`,
      [votes.map((v) => v.proposalId), votes.map((v) => v.voterId), votes.map((v) => v.choice), votes.map((v) => v.position), votes.map((v) => v.castAt)],
    );
  }
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
