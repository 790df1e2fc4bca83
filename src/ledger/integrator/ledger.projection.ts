import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import { EVENT_TYPES } from '../../events/registry.js';
import { envelopeBytes } from '../../event-store/event-content.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { SELECT_EVENTS, toEnvelope, type EventRowDb } from '../../event-store/postgres/event-rows.js';
import { loadConfig } from '../../config/config.js';
import type { Projection } from '../../projections/projection.js';
import { CompactRange, HASH_SIZE, leafHash } from '../merkle/merkle.js';
import { signCheckpoint } from '../note/checkpoint.js';
import { NoteSigner } from '../note/note.js';
import { MAX_ENTRY_BYTES, TILE_HEIGHT, TILE_WIDTH } from '../tiles/tiles.js';
import { treeRootAt } from './ledger-store.js';

/**
 * The integrator (DESIGN §7, ADR 0005): appends every event of the global order to the RFC 6962
 * tree (leaf i = envelope bytes of position i), stores the tiles and entry bundles it touches, and
 * signs one checkpoint per batch. Checkpoints are never truncated by a rebuild, and a new one is
 * signed only when the tree it commits to extends the last one signed.
 */
const schema = `
  CREATE SCHEMA IF NOT EXISTS ledger;
  -- Tiles of hashes (c2sp.org/tlog-tiles): grown in place up to 256 hashes; a prefix is a partial tile.
  CREATE TABLE IF NOT EXISTS ledger.tiles (
    level smallint NOT NULL,
    idx   bigint   NOT NULL,
    data  bytea    NOT NULL,
    PRIMARY KEY (level, idx)
  );
  -- Entry bundles: up to 256 entries, each a uint16 big-endian length and the envelope bytes.
  CREATE TABLE IF NOT EXISTS ledger.entry_bundles (
    idx   bigint PRIMARY KEY,
    count int    NOT NULL,
    data  bytea  NOT NULL
  );
  -- The right edge of the tree (compact range): one row.
  CREATE TABLE IF NOT EXISTS ledger.tree (
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    size bigint  NOT NULL,
    edge bytea   NOT NULL
  );
  -- Every checkpoint signed; not among the projection's tables, so a rebuild never forgets one.
  CREATE TABLE IF NOT EXISTS ledger.checkpoints (
    size      bigint      PRIMARY KEY,
    root      bytea       NOT NULL,
    note      text        NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now()
  );
`;

export interface LedgerSettings {
  origin: string;
  signer: NoteSigner;
  /**
   * Where events of types the runner does not hand over are read from (the runner passes only
   * `handles`; the ledger needs every event). Without it they are read from the PostgreSQL
   * event store in the same database.
   */
  store?: EventStore;
}

export class LedgerIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}

export class LedgerProjection implements Projection {
  readonly name = 'ledger';
  readonly version = 1;
  readonly handles = EVENT_TYPES;
  readonly tables = ['ledger.tiles', 'ledger.entry_bundles', 'ledger.tree'];
  readonly schema = schema;
  private settings: LedgerSettings | undefined;

  /** Set by the ledger module from the app's configuration; else read from the environment on first use. */
  configure(settings: LedgerSettings): void {
    this.settings = settings;
  }

  get current(): LedgerSettings {
    if (!this.settings) {
      const config = loadConfig();
      this.settings = { origin: config.ledgerOrigin, signer: NoteSigner.parse(config.ledgerKey) };
    }
    return this.settings;
  }

  async apply(handed: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
    const { origin, signer } = this.current;
    const state = await tx.query<{ size: string; edge: Buffer }>('SELECT size, edge FROM ledger.tree WHERE id FOR UPDATE');
    const startSize = state.rows.length ? Number(state.rows[0].size) : 0;
    const batch = await withSkippedEvents(handed, startSize, tx, this.current.store);
    const edge = state.rows.length ? splitHashes(state.rows[0].edge) : [];
    const range = new CompactRange(startSize, edge);
    const rootBefore = range.root();

    const tiles = new Map<string, { level: number; idx: number; offset: number; hashes: Buffer[] }>();
    const bundles = new Map<number, { idx: number; offset: number; entries: Buffer[] }>();
    const onNode = (level: number, index: number, hash: Buffer): void => {
      if (level % TILE_HEIGHT !== 0) return;
      const tileLevel = level / TILE_HEIGHT;
      const idx = Math.floor(index / TILE_WIDTH);
      const key = `${tileLevel}/${idx}`;
      let tile = tiles.get(key);
      if (!tile) tiles.set(key, (tile = { level: tileLevel, idx, offset: index % TILE_WIDTH, hashes: [] }));
      tile.hashes.push(hash);
    };
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i];
      if (event.position !== startSize + i) {
        throw new LedgerIntegrityError(`the ledger is at leaf ${startSize + i} but the next event has position ${event.position}: events must be integrated without gaps`);
      }
      const entry = envelopeBytes(event);
      if (entry.length > MAX_ENTRY_BYTES) throw new LedgerIntegrityError(`event at position ${event.position} is ${entry.length} bytes, over the entry limit`);
      const idx = Math.floor(event.position / TILE_WIDTH);
      let bundle = bundles.get(idx);
      if (!bundle) bundles.set(idx, (bundle = { idx, offset: event.position % TILE_WIDTH, entries: [] }));
      bundle.entries.push(entry);
      range.append(leafHash(entry), onNode);
    }

    const tileRows = [...tiles.values()];
    const tileResult = await tx.query(
      `INSERT INTO ledger.tiles AS t (level, idx, data)
       SELECT level, idx, data FROM unnest($1::smallint[], $2::bigint[], $3::bytea[], $4::int[]) AS u(level, idx, data, off)
       ON CONFLICT (level, idx) DO UPDATE SET data = t.data || EXCLUDED.data
       WHERE length(t.data) = (SELECT u2.off * ${HASH_SIZE} FROM unnest($1::smallint[], $2::bigint[], $4::int[]) AS u2(level, idx, off)
                                WHERE u2.level = t.level AND u2.idx = t.idx)`,
      [tileRows.map((t) => t.level), tileRows.map((t) => t.idx), tileRows.map((t) => Buffer.concat(t.hashes)), tileRows.map((t) => t.offset)],
    );
    if (tileResult.rowCount !== tileRows.length) throw new LedgerIntegrityError('stored tiles do not end where the tree does');

    const bundleRows = [...bundles.values()];
    const bundleResult = await tx.query(
      `INSERT INTO ledger.entry_bundles AS b (idx, count, data)
       SELECT idx, count, data FROM unnest($1::bigint[], $2::int[], $3::bytea[], $4::int[]) AS u(idx, count, data, off)
       ON CONFLICT (idx) DO UPDATE SET data = b.data || EXCLUDED.data, count = b.count + EXCLUDED.count
       WHERE b.count = (SELECT u2.off FROM unnest($1::bigint[], $4::int[]) AS u2(idx, off) WHERE u2.idx = b.idx)`,
      [bundleRows.map((b) => b.idx), bundleRows.map((b) => b.entries.length), bundleRows.map((b) => encodeBundle(b.entries)), bundleRows.map((b) => b.offset)],
    );
    if (bundleResult.rowCount !== bundleRows.length) throw new LedgerIntegrityError('stored entry bundles do not end where the tree does');

    await tx.query(
      `INSERT INTO ledger.tree (id, size, edge) VALUES (true, $1, $2) ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, edge = EXCLUDED.edge`,
      [range.size, Buffer.concat(range.edge)],
    );

    // One checkpoint per batch, and only one that extends the last one signed (no fork, ever).
    const last = await tx.query<{ size: string; root: Buffer }>('SELECT size, root FROM ledger.checkpoints ORDER BY size DESC LIMIT 1');
    const root = range.root();
    if (last.rows.length) {
      const lastSize = Number(last.rows[0].size);
      if (lastSize >= range.size) return; // a rebuild catching up: nothing new to sign yet
      const rootThen = lastSize === startSize ? rootBefore : await treeRootAt(tx, lastSize, range.size);
      if (!rootThen.equals(last.rows[0].root)) {
        throw new LedgerIntegrityError(`the log no longer has the tree of the checkpoint at size ${lastSize}: refusing to sign an inconsistent checkpoint`);
      }
    }
    const note = signCheckpoint({ origin, size: range.size, root }, signer);
    await tx.query('INSERT INTO ledger.checkpoints (size, root, note) VALUES ($1, $2, $3)', [range.size, root, note]);
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
async function withSkippedEvents(handed: readonly EventEnvelope[], start: number, tx: pg.ClientBase, store: EventStore | undefined): Promise<readonly EventEnvelope[]> {
  const ranges = missingRanges(
    handed.map((e) => e.position),
    start,
  );
  if (ranges.length === 0) return handed;
  const found: EventEnvelope[] = [];
  if (store) {
    for (const { from, to } of ranges) {
      for (let at = from; at < to; ) {
        const got = await store.readAll(at, to - at);
        if (got.length === 0) break;
        found.push(...got.filter((e) => e.position < to));
        at = got[got.length - 1].position + 1;
      }
    }
  } else {
    const positions = ranges.flatMap(({ from, to }) => Array.from({ length: to - from }, (_, i) => from + i));
    const { rows } = await tx.query<EventRowDb>(`${SELECT_EVENTS} WHERE position = ANY($1::bigint[]) ORDER BY position`, [positions]);
    found.push(...rows.map(toEnvelope));
  }
  return [...handed, ...found].sort((a, b) => a.position - b.position);
}

function splitHashes(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += HASH_SIZE) out.push(data.subarray(i, i + HASH_SIZE));
  return out;
}

function encodeBundle(entries: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const length = Buffer.allocUnsafe(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, entry);
  }
  return Buffer.concat(parts);
}

/** The one integrator every process registers (ALL_PROJECTIONS). */
export const ledgerProjection = new LedgerProjection();
