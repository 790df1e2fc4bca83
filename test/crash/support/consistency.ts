import type pg from 'pg';
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store.js';
import { cleanBuild, READ_MODEL_TABLES, readWholeLog, snapshotTables } from '../../projections-runner/support/harness.js';

type Choice = 'yes' | 'no' | 'abstain';

/** What the test sent and what it was answered. */
export interface Sent {
  kind: 'vote' | 'register';
  /** HTTP status, or null when no answer came (the process was killed). */
  status: number | null;
  body?: { position?: number; positions?: number[]; memberId?: string };
  handle?: string;
  voterId?: string;
  proposalId?: string;
  choice?: Choice;
  nonce?: string;
  signature?: string;
}

export const acknowledged = (sent: readonly Sent[]): Sent[] => sent.filter((s) => s.status !== null && s.status >= 200 && s.status < 300);

interface EventRow {
  position: string;
  stream: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  act: { command: Record<string, unknown>; signature: string } | null;
}

/** Every acknowledged command has its event on the log, at the position it was answered with. */
export async function expectAcknowledgedOnLog(pool: pg.Pool, sent: readonly Sent[]): Promise<void> {
  const acked = acknowledged(sent);
  const positions = acked.map((s) => s.body!.position!);
  expect(positions.every((p) => Number.isSafeInteger(p))).toBe(true);
  const { rows } = await pool.query<EventRow>('SELECT position, stream, revision, type, data, act FROM event_store.events WHERE position = ANY($1::bigint[])', [positions]);
  const byPosition = new Map(rows.map((r) => [Number(r.position), r]));
  const missing: unknown[] = [];
  for (const s of acked) {
    const event = byPosition.get(s.body!.position!);
    const ok =
      s.kind === 'register'
        ? event?.type === 'members.MemberRegistered' && event.data.memberId === s.body!.memberId && event.data.handle === s.handle
        : event?.type === 'governance.VoteCast' &&
          event.data.voterId === s.voterId &&
          event.data.proposalId === s.proposalId &&
          event.data.choice === s.choice &&
          event.act?.command.nonce === s.nonce &&
          event.act?.signature === s.signature;
    if (!ok) missing.push({ sent: s, found: event ?? null });
  }
  expect(missing).toEqual([]);
  // The private half of an acknowledged registration is there too.
  const members = acked.filter((s) => s.kind === 'register').map((s) => s.body!.memberId!);
  const accounts = await pool.query<{ member_id: string }>('SELECT member_id FROM identity.accounts WHERE member_id = ANY($1::uuid[])', [members]);
  expect(accounts.rows.map((r) => r.member_id).sort()).toEqual([...members].sort());
}

/** Positions 0..n-1 without gaps, equal to the head; every stream's revisions 0..k-1 in position order. */
export async function expectLogWellFormed(pool: pg.Pool, store: PostgresEventStore): Promise<number> {
  const { rows } = await pool.query<{ n: string; lo: string | null; hi: string | null }>('SELECT count(*) AS n, min(position) AS lo, max(position) AS hi FROM event_store.events');
  const n = Number(rows[0]!.n);
  expect(n).toBeGreaterThan(0);
  expect(Number(rows[0]!.lo)).toBe(0);
  expect(Number(rows[0]!.hi)).toBe(n - 1);
  expect(await store.headPosition()).toBe(n);
  const broken = await pool.query(
    `SELECT stream, position, revision, expected FROM (
       SELECT stream, position, revision, row_number() OVER (PARTITION BY stream ORDER BY position) - 1 AS expected FROM event_store.events
     ) s WHERE revision <> expected LIMIT 10`,
  );
  expect(broken.rows).toEqual([]);
  return n;
}

/**
 * Votes from the log itself: each VoteCast's previousChoice is the voter's previous vote, and the
 * tally of every proposal in the read model is the count of each voter's latest choice.
 */
export async function expectVotesCountedOnce(pool: pg.Pool): Promise<{ votes: number }> {
  const { rows } = await pool.query<{ position: string; data: { proposalId: string; voterId: string; choice: Choice; previousChoice: Choice | null } }>(
    `SELECT position, data FROM event_store.events WHERE type = 'governance.VoteCast' ORDER BY position`,
  );
  const latest = new Map<string, Map<string, { choice: Choice; position: number }>>();
  const chainBreaks: unknown[] = [];
  for (const r of rows) {
    const { proposalId, voterId, choice, previousChoice } = r.data;
    const votes = latest.get(proposalId) ?? new Map<string, { choice: Choice; position: number }>();
    latest.set(proposalId, votes);
    const before = votes.get(voterId)?.choice ?? null;
    if (before !== previousChoice) chainBreaks.push({ position: r.position, voterId, before, previousChoice });
    votes.set(voterId, { choice, position: Number(r.position) });
  }
  expect(chainBreaks).toEqual([]);

  const proposals = await pool.query<{ proposal_id: string; yes: number; no: number; abstain: number }>('SELECT proposal_id, yes, no, abstain FROM read_models.proposals');
  const tallies = Object.fromEntries(proposals.rows.map((p) => [p.proposal_id, { yes: p.yes, no: p.no, abstain: p.abstain }]));
  const expected: Record<string, { yes: number; no: number; abstain: number }> = {};
  for (const p of proposals.rows) {
    const tally = { yes: 0, no: 0, abstain: 0 };
    for (const { choice } of latest.get(p.proposal_id)?.values() ?? []) tally[choice] += 1;
    expected[p.proposal_id] = tally;
  }
  expect(tallies).toEqual(expected);

  const stored = await pool.query<{ proposal_id: string; voter_id: string; choice: Choice; position: string }>('SELECT proposal_id, voter_id, choice, position FROM read_models.proposal_votes');
  const storedVotes = stored.rows.map((v) => `${v.proposal_id} ${v.voter_id} ${v.choice} ${v.position}`).sort();
  const latestVotes = [...latest].flatMap(([proposalId, votes]) => [...votes].map(([voterId, v]) => `${proposalId} ${voterId} ${v.choice} ${v.position}`)).sort();
  expect(storedVotes).toEqual(latestVotes);
  return { votes: rows.length };
}

/** The read models equal, row by row, what a clean build of the same log gives in a second database. */
export async function expectSameAsCleanRebuild(pool: pg.Pool, store: PostgresEventStore): Promise<Record<string, unknown[]>> {
  const log = await readWholeLog(store);
  const live = await snapshotTables(pool, READ_MODEL_TABLES);
  const rebuilt = await cleanBuild(log);
  expect(live).toEqual(rebuilt);
  return live;
}
