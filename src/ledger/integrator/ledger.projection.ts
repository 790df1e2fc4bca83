import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import { EVENT_TYPES } from '../../events/registry.js';
import { loadConfig } from '../../config/config.js';
import type { Projection } from '../../projections/projection.js';
import { CompactRange, HASH_SIZE } from '../merkle/merkle.js';
import { signCheckpoint } from '../note/checkpoint.js';
import { NoteSigner } from '../note/note.js';
import { TILE_HEIGHT, TILE_WIDTH } from '../tiles/tiles.js';
import { LedgerIntegrityError, leafHashes, type LedgerEntries } from './ledger-entries.js';
import { treeRootAt } from './ledger-store.js';

export { LedgerIntegrityError, missingRanges } from './ledger-entries.js';

/** Ranges at least this long (catching up, not following the head live) have the next one read ahead. */
const READ_AHEAD_FROM = 1000;
/** Connections the next range is read on: PostgreSQL hashes a range on one core per connection. */
const READ_AHEAD_PARTS = 2;

/**
 * The integrator (DESIGN §7, ADR 0005): appends every event of the global order to the RFC 6962
 * tree (leaf i = envelope bytes of position i), stores the tiles it touches, and signs one
 * checkpoint per batch. Checkpoints are never truncated by a rebuild, and a new one is
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
  -- Entry bundles are cut from the entries where they are kept (ledger-entries.ts), not copied.
  DROP TABLE IF EXISTS ledger.entry_bundles;
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
  /** Where the entries are read and hashed; by default the PostgreSQL event store in the same database. */
  entries?: LedgerEntries;
}

export class LedgerProjection implements Projection {
  readonly name = 'ledger';
  readonly version = 1;
  readonly handles = EVENT_TYPES;
  readonly tables = ['ledger.tiles', 'ledger.tree'];
  readonly schema = schema;
  private settings: LedgerSettings | undefined;
  /** The leaves of the range expected next, being read on another connection. */
  private ahead: { from: number; to: number; leaves: Promise<Buffer[]> } | undefined;

  /** Set by the ledger module from the app's configuration; else read from the environment on first use. */
  configure(settings: LedgerSettings): void {
    this.settings = settings;
  }

  get current(): Required<LedgerSettings> {
    if (!this.settings) {
      const config = loadConfig();
      this.settings = { origin: config.ledgerOrigin, signer: NoteSigner.parse(config.ledgerKey) };
    }
    return { entries: { kind: 'database' }, ...this.settings };
  }

  apply(handed: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
    if (handed.length === 0) return Promise.resolve();
    return this.integrate(handed, handed[handed.length - 1].position + 1, tx);
  }

  /** Integrates positions [from, to) from the entries kept in the database, reading no event here. */
  async applyRange(from: number, to: number, tx: pg.ClientBase): Promise<void> {
    const { entries } = this.current;
    if (entries.kind !== 'database') throw new Error('the ledger reads ranges only from entries kept in the database');
    const { rows } = await tx.query<{ size: string }>('SELECT size FROM ledger.tree WHERE id');
    const size = rows.length ? Number(rows[0].size) : 0;
    if (size !== from) throw new LedgerIntegrityError(`the ledger is at leaf ${size} but was handed positions from ${from}`);
    const ahead = this.ahead;
    this.ahead = undefined;
    const read = ahead && ahead.from === from && ahead.to === to ? await ahead.leaves.catch(() => undefined) : undefined;
    // Catching up, the next range is most likely as long as this one: the database hashes it on
    // another connection while this one is integrated and committed.
    if (entries.reader && to - from >= READ_AHEAD_FROM) {
      const leaves = readAhead(entries, entries.reader, to, to + (to - from));
      leaves.catch(() => undefined);
      this.ahead = { from: to, to: to + (to - from), leaves };
    }
    await this.integrate([], to, tx, read);
  }

  private async integrate(handed: readonly EventEnvelope[], endSize: number, tx: pg.ClientBase, read?: Buffer[]): Promise<void> {
    const { origin, signer, entries } = this.current;
    const state = await tx.query<{ size: string; edge: Buffer }>('SELECT size, edge FROM ledger.tree WHERE id FOR UPDATE');
    const startSize = state.rows.length ? Number(state.rows[0].size) : 0;
    if (endSize <= startSize) {
      throw new LedgerIntegrityError(`the ledger is at leaf ${startSize} but was handed events up to position ${endSize - 1}: events must be integrated once, in order`);
    }
    const leaves = read ?? (await leafHashes(entries, handed, startSize, endSize, tx));
    const edge = state.rows.length ? splitHashes(state.rows[0].edge) : [];
    const range = new CompactRange(startSize, edge);
    const rootBefore = range.root();

    const tiles = new Map<string, { level: number; idx: number; offset: number; hashes: Buffer[] }>();
    const onNode = (level: number, index: number, hash: Buffer): void => {
      if (level % TILE_HEIGHT !== 0) return;
      const tileLevel = level / TILE_HEIGHT;
      const idx = Math.floor(index / TILE_WIDTH);
      const key = `${tileLevel}/${idx}`;
      let tile = tiles.get(key);
      if (!tile) tiles.set(key, (tile = { level: tileLevel, idx, offset: index % TILE_WIDTH, hashes: [] }));
      tile.hashes.push(hash);
    };
    for (const leaf of leaves) range.append(leaf, onNode);

    // The tiles' new hashes travel as one bytea (node-postgres sends a bytea array escaped, byte
    // by byte), each tile's part cut from it by its offset in the blob.
    const tileRows = [...tiles.values()];
    const starts: number[] = [];
    let blobSize = 0;
    for (const t of tileRows) {
      starts.push(blobSize);
      blobSize += t.hashes.length * HASH_SIZE;
    }
    const tileResult = await tx.query(
      `INSERT INTO ledger.tiles AS t (level, idx, data)
       SELECT level, idx, substring($3::bytea FROM start + 1 FOR len) FROM unnest($1::smallint[], $2::bigint[], $4::int[], $5::int[], $6::int[]) AS u(level, idx, start, len, off)
       ON CONFLICT (level, idx) DO UPDATE SET data = t.data || EXCLUDED.data
       WHERE length(t.data) = (SELECT u2.off * ${HASH_SIZE} FROM unnest($1::smallint[], $2::bigint[], $6::int[]) AS u2(level, idx, off)
                                WHERE u2.level = t.level AND u2.idx = t.idx)`,
      [
        tileRows.map((t) => t.level),
        tileRows.map((t) => t.idx),
        Buffer.concat(tileRows.flatMap((t) => t.hashes)),
        starts,
        tileRows.map((t) => t.hashes.length * HASH_SIZE),
        tileRows.map((t) => t.offset),
      ],
    );
    if (tileResult.rowCount !== tileRows.length) throw new LedgerIntegrityError('stored tiles do not end where the tree does');

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

/** The range's leaves read in parts on parallel connections, each hashed by its own backend. */
async function readAhead(entries: LedgerEntries, reader: Pick<pg.Pool, 'query'>, from: number, to: number): Promise<Buffer[]> {
  const step = Math.ceil((to - from) / READ_AHEAD_PARTS);
  const parts: Promise<Buffer[]>[] = [];
  for (let at = from; at < to; at += step) parts.push(leafHashes(entries, [], at, Math.min(at + step, to), reader));
  return (await Promise.all(parts)).flat();
}

function splitHashes(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += HASH_SIZE) out.push(data.subarray(i, i + HASH_SIZE));
  return out;
}

/** The one integrator every process registers (ALL_PROJECTIONS). */
export const ledgerProjection = new LedgerProjection();
