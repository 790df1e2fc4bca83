/**
 * A synthetic community log written straight into the event store tables (no append path): mostly
 * votes over thousands of proposals by tens of thousands of members, with registrations, keys,
 * verifications, drafts, openings and comments mixed in. Events have the real shapes (older
 * schema versions upcast through the registry to the current one), so the projections apply them as they
 * would live ones. Generated batch by batch: memory does not grow with the corpus.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../../src/events/canonical.js';
import { schemaVersionOf, upcast, validateEvent } from '../../src/events/registry.js';
import { entryText } from '../../src/event-store/event-content.js';

export interface CorpusShape {
  events: number;
  members: number;
  proposals: number;
  /** One event in this many after the registrations is a comment. */
  commentEvery?: number;
}

export interface CorpusRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/** A deterministic UUID (version 4 layout) for a name: the same corpus every run. */
function uuidOf(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const versions = new Map<string, number>();
const currentVersion = (type: string): number => {
  let v = versions.get(type);
  if (v === undefined) versions.set(type, (v = schemaVersionOf(type)));
  return v;
};

const CHOICES = ['yes', 'no', 'abstain'] as const;
const RULES = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
// 32 bytes of Ed25519 public key, base64url; the key id is 12 bytes, base64url.
const PUBLIC_KEY = Buffer.alloc(32, 7).toString('base64url');
const KEY_ID = Buffer.alloc(12, 9).toString('base64url');
const CLOSES_AT = '2099-01-01T00:00:00.000Z';

/**
 * The corpus in batches of `batchSize` rows, positions 0..events-1. Members register (with a
 * key, verified by the first member), proposals are drafted and opened, then votes and comments.
 * Vote k goes to proposal k mod P; one in twenty is a changed vote (previousChoice set).
 */
export function* corpusBatches(shape: CorpusShape, batchSize = 5000): Generator<CorpusRow[]> {
  const { events, members, proposals } = shape;
  const commentEvery = shape.commentEvery ?? 25;
  const revisions = new Int32Array(members + proposals * 2);
  const memberId = (i: number) => uuidOf(`member-${i}`);
  const proposalId = (p: number) => uuidOf(`proposal-${p}`);
  let position = 0;
  let batch: CorpusRow[] = [];
  const push = (streamIndex: number, stream: string, type: string, schemaVersion: number, data: Record<string, unknown>) => {
    // Written as the current version would be (what the app appends today), through the registry's upcasters.
    const current = currentVersion(type);
    if (schemaVersion < current) data = upcast(type, schemaVersion, data) as Record<string, unknown>;
    batch.push({ position, id: uuidOf(`event-${position}`), stream, revision: revisions[streamIndex]!++, type, schemaVersion: current, data });
    position += 1;
  };
  const full = () => batch.length >= batchSize || position >= events;
  const take = () => {
    const out = batch;
    batch = [];
    return out;
  };
  const verifier = memberId(0);
  for (let i = 0; i < members && position < events; i++) {
    const id = memberId(i);
    push(i, `member-${id}`, 'members.MemberRegistered', 1, { memberId: id, handle: `member-${i}` });
    if (full()) yield take();
    if (position < events) push(i, `member-${id}`, 'members.KeyRegistered', 1, { memberId: id, keyId: KEY_ID, publicKey: PUBLIC_KEY });
    if (full()) yield take();
    if (position < events) push(i, `member-${id}`, 'members.MemberVerified', 1, { memberId: id, verifierId: verifier });
    if (full()) yield take();
  }
  for (let p = 0; p < proposals && position < events; p++) {
    const id = proposalId(p);
    const author = memberId(p % members);
    push(members + p, `proposal-${id}`, 'governance.ProposalDrafted', 1, { proposalId: id, authorId: author, title: `Proposal ${p}`, body: `Body of proposal ${p}.`, rules: RULES });
    if (full()) yield take();
    if (position < events) {
      push(members + p, `proposal-${id}`, 'governance.ProposalOpened', 1, { proposalId: id, openedBy: author, closesAt: CLOSES_AT, rules: RULES, electorate: { asOfPosition: members * 3, size: members } });
    }
    if (full()) yield take();
  }
  const choiceOf = (k: number) => CHOICES[(k * 31 + (k >> 7)) % 3]!;
  for (let n = 0; position < events; n++) {
    if (n % commentEvery === commentEvery - 1) {
      const p = (n * 7) % proposals;
      const id = proposalId(p);
      push(members + proposals + p, `comments-${id}`, 'governance.CommentPosted', 1, {
        commentId: uuidOf(`comment-${n}`),
        proposalId: id,
        parentId: null,
        authorId: memberId((n * 13) % members),
        body: `Comment ${n} on proposal ${p}.`,
      });
    } else {
      const k = n - Math.floor(n / commentEvery);
      const p = k % proposals;
      const j = Math.floor(k / proposals);
      const changed = j % 20 === 19;
      // Distinct voters per proposal for distinct j (7919 is prime to the member count used), the
      // same voter as the previous round's for a changed vote.
      const voter = memberId(((changed ? j - 1 : j) * 7919 + p * 13) % members);
      const previousChoice = changed ? choiceOf(k - proposals) : null;
      const choice = changed ? CHOICES[(CHOICES.indexOf(previousChoice!) + 1) % 3]! : choiceOf(k);
      push(members + p, `proposal-${proposalId(p)}`, 'governance.VoteCast', 1, { proposalId: proposalId(p), voterId: voter, choice, previousChoice });
    }
    if (full()) yield take();
  }
  if (batch.length > 0) yield batch;
}

/** Every kind of event the corpus writes passes the registry's validator. */
export function checkCorpusShapes(rows: readonly CorpusRow[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.type)) continue;
    seen.add(row.type);
    const problems = validateEvent(row.type, row.data);
    if (problems.length > 0) throw new Error(`the corpus writes ${row.type} v${row.schemaVersion} in a shape the registry refuses: ${problems.join('; ')}`);
  }
}

/**
 * Writes the corpus into event_store.events with one multi-row INSERT per batch and moves the
 * head. Returns the number of events written.
 */
export async function writeCorpus(pool: pg.Pool, shape: CorpusShape, onBatch?: (written: number) => void): Promise<number> {
  const metaObject = { actor: 'corpus', correlationId: uuidOf('corpus'), causationId: uuidOf('corpus'), occurredAt: '2026-01-01T00:00:00.000Z' };
  const meta = canonicalJson(metaObject);
  let written = 0;
  let checked = false;
  for (const rows of corpusBatches(shape)) {
    if (!checked) {
      checkCorpusShapes([...rows, ...sampleOfEveryKind(shape)]);
      checked = true;
    }
    await pool.query(
      `INSERT INTO event_store.events (position, id, stream, revision, type, schema_version, data, meta, entry)
       SELECT position, id, stream, revision, type, schema_version, data, $8::jsonb, convert_to(entry, 'UTF8')
         FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::jsonb[], $9::text[])
           AS x(position, id, stream, revision, type, schema_version, data, entry)`,
      [
        rows.map((r) => r.position),
        rows.map((r) => r.id),
        rows.map((r) => r.stream),
        rows.map((r) => r.revision),
        rows.map((r) => r.type),
        rows.map((r) => r.schemaVersion),
        rows.map((r) => JSON.stringify(r.data)),
        meta,
        rows.map((r) => entryText(r.stream, r.revision, r, { data: canonicalJson(r.data), meta, act: null })),
      ],
    );
    written += rows.length;
    onBatch?.(written);
  }
  await pool.query('UPDATE event_store.head SET next_position = $1', [written]);
  // Running subscribers learn of new events as they do from an append.
  await pool.query(`SELECT pg_notify('event_store_appended', $1)`, [String(written)]);
  return written;
}

/** One event of every kind, from a tiny corpus of the same shape. */
function sampleOfEveryKind(shape: CorpusShape): CorpusRow[] {
  const small = { events: 200, members: 3, proposals: 2, commentEvery: shape.commentEvery };
  return [...corpusBatches(small, 200)].flat();
}
