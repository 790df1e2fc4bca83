import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import { envelopeBytes } from '../../event-store/event-content.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { HASH_SIZE, leafHash } from '../merkle/merkle.js';
import { MAX_ENTRY_BYTES, encodeEntryBundle } from '../tiles/tiles.js';

/**
 * Where the ledger's entries (each event's canonical envelope) come from (ADR 0018).
 * - `database`: the PostgreSQL event store in the same database keeps each event's entry beside
 *   it, written at append; leaves are hashed in the database and bundles cut from the rows, so
 *   no event is read into the process or encoded again.
 * - `store`: any other event store (EventStoreDB): entries are encoded from the events, those the
 *   runner handed over and those it left out, read back from the store.
 */
export type LedgerEntries =
  /** `reader`: a pool to read the next range's leaves on while the current one is integrated. */
  | { kind: 'database'; reader?: Pick<pg.Pool, 'query'> }
  | { kind: 'store'; store: EventStore };

type Queryable = Pick<pg.ClientBase, 'query'>;

export class LedgerIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}

/** The leaf hashes of positions [from, to), in order; throws when the log has a gap there. */
export async function leafHashes(entries: LedgerEntries, handed: readonly EventEnvelope[], from: number, to: number, tx: Queryable): Promise<Buffer[]> {
  if (entries.kind === 'database') {
    // One row for the whole range: the leaf hashes concatenated in order, and what proves the
    // range has no gap (positions are unique, so count, first and last say it all).
    const { rows } = await tx.query<{ count: string; first: string | null; last: string | null; largest: number | null; leaves: Buffer | null }>(
      `SELECT count(*) AS count, min(position) AS first, max(position) AS last, max(length(entry)) AS largest,
              string_agg(sha256('\\x00'::bytea || entry), ''::bytea ORDER BY position) AS leaves
         FROM event_store.events WHERE position >= $1 AND position < $2`,
      [from, to],
    );
    const { count, first, last, largest, leaves } = rows[0]!;
    if (Number(count) !== to - from || Number(first) !== from || Number(last) !== to - 1 || !leaves) {
      throw new LedgerIntegrityError(`the log has no event at position ${await firstMissing(tx, from, to)}: events must be integrated without gaps`);
    }
    if (largest !== null && largest > MAX_ENTRY_BYTES) {
      const { rows: over } = await tx.query<{ position: string }>('SELECT position FROM event_store.events WHERE position >= $1 AND position < $2 AND length(entry) > $3 ORDER BY position LIMIT 1', [from, to, MAX_ENTRY_BYTES]);
      throw new LedgerIntegrityError(`event at position ${over[0]?.position} is over the entry limit`);
    }
    return Array.from({ length: to - from }, (_, i) => leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  }
  const events = await withSkippedEvents(handed, from, to, entries.store);
  return events.map((event, i) => {
    expectPosition(from + i, event.position);
    const entry = envelopeBytes(event);
    if (entry.length > MAX_ENTRY_BYTES) throw new LedgerIntegrityError(`event at position ${event.position} is ${entry.length} bytes, over the entry limit`);
    return leafHash(entry);
  });
}

async function firstMissing(tx: Queryable, from: number, to: number): Promise<number> {
  const { rows } = await tx.query<{ missing: string }>(
    `SELECT coalesce(min(p), $2) AS missing FROM generate_series($1::bigint, $2::bigint - 1) AS p
      WHERE NOT EXISTS (SELECT 1 FROM event_store.events e WHERE e.position = p)`,
    [from, to],
  );
  return Number(rows[0]!.missing);
}

function expectPosition(leaf: number, position: number): void {
  if (position !== leaf) {
    throw new LedgerIntegrityError(`the ledger is at leaf ${leaf} but the next event has position ${position}: events must be integrated without gaps`);
  }
}

/** Ranges [from, to) of positions before and between the handed events that the runner left out. */
export function missingRanges(positions: readonly number[], start: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  let expected = start;
  for (const position of positions) {
    if (position > expected) ranges.push({ from: expected, to: position });
    expected = Math.max(expected, position + 1);
  }
  return ranges;
}

/** The handed events plus those the runner left out before and between them, in order. */
async function withSkippedEvents(handed: readonly EventEnvelope[], from: number, to: number, store: EventStore): Promise<readonly EventEnvelope[]> {
  const ranges = missingRanges(
    handed.filter((e) => e.position < to).map((e) => e.position),
    from,
  );
  if (ranges.length === 0) return handed;
  const found: EventEnvelope[] = [];
  for (const range of ranges) found.push(...(await readRange(store, range.from, range.to)));
  return [...handed, ...found].sort((a, b) => a.position - b.position);
}

async function readRange(store: EventStore, from: number, to: number): Promise<EventEnvelope[]> {
  const found: EventEnvelope[] = [];
  for (let at = from; at < to; ) {
    const got = await store.readAll(at, to - at);
    if (got.length === 0) break;
    found.push(...got.filter((e) => e.position < to));
    at = got[got.length - 1].position + 1;
  }
  return found;
}

/**
 * Entry bundle `index` with its first `width` entries (c2sp.org/tlog-tiles: each a big-endian
 * uint16 length and the entry), or undefined while the tree does not hold that many.
 */
export async function readEntryBundle(entries: LedgerEntries, db: Queryable, index: number, width: number): Promise<Buffer | undefined> {
  const from = index * 256;
  const { rows: tree } = await db.query<{ size: string }>('SELECT size FROM ledger.tree WHERE id');
  if (!tree.length || Number(tree[0].size) < from + width) return undefined;
  if (entries.kind === 'database') {
    const { rows } = await db.query<{ data: Buffer | null }>(
      `SELECT string_agg(substring(int4send(length(entry)) FROM 3 FOR 2) || entry, ''::bytea ORDER BY position) AS data
         FROM event_store.events WHERE position >= $1 AND position < $2`,
      [from, from + width],
    );
    // Rows missing below the tree's size mean the store was tampered with: serve what is there, so
    // that an auditor finds the first entry that no longer matches its leaf.
    return rows[0]?.data ?? undefined;
  }
  const events = await readRange(entries.store, from, from + width);
  return events.length === width ? encodeEntryBundle(events.map(envelopeBytes)) : undefined;
}
