import type pg from 'pg';
import {
  CompactRange,
  HASH_SIZE,
  consistencySpans,
  inclusionSpans,
  nodesOf,
  spanHash,
  spanNodes,
  type NodeId,
  type Span,
} from '../merkle/merkle.js';
import { tileHashSource, tileOfNode } from '../tiles/tiles.js';

/** Reads of the integrator's tables: tiles, checkpoints and proofs from them. */

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface StoredCheckpoint {
  size: number;
  root: Buffer;
  note: string;
  signedAt: Date;
}

export async function latestCheckpoint(db: Queryable): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<{ size: string; root: Buffer; note: string; signed_at: Date }>(
    'SELECT size, root, note, signed_at FROM ledger.checkpoints ORDER BY size DESC LIMIT 1',
  );
  return rows.length ? { size: Number(rows[0].size), root: rows[0].root, note: rows[0].note, signedAt: rows[0].signed_at } : undefined;
}

/** The smallest checkpoint at or above `size`, to prove against. */
export async function checkpointCovering(db: Queryable, size: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<{ size: string; root: Buffer; note: string; signed_at: Date }>(
    'SELECT size, root, note, signed_at FROM ledger.checkpoints WHERE size >= $1 ORDER BY size LIMIT 1',
    [size],
  );
  return rows.length ? { size: Number(rows[0].size), root: rows[0].root, note: rows[0].note, signedAt: rows[0].signed_at } : undefined;
}

export async function checkpointAt(db: Queryable, size: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<{ size: string; root: Buffer; note: string; signed_at: Date }>(
    'SELECT size, root, note, signed_at FROM ledger.checkpoints WHERE size = $1',
    [size],
  );
  return rows.length ? { size: Number(rows[0].size), root: rows[0].root, note: rows[0].note, signedAt: rows[0].signed_at } : undefined;
}

/** The tree size integrated so far (may be ahead of the last checkpoint only inside a batch). */
export async function integratedSize(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ size: string }>('SELECT size FROM ledger.tree WHERE id');
  return rows.length ? Number(rows[0].size) : 0;
}

/** A tile's first `width` hashes, or undefined when the tile does not hold that many yet. */
export async function readTile(db: Queryable, level: number, index: number, width: number): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ data: Buffer }>('SELECT substring(data FROM 1 FOR $3) AS data FROM ledger.tiles WHERE level = $1 AND idx = $2', [
    level,
    index,
    width * HASH_SIZE,
  ]);
  return rows.length && rows[0].data.length === width * HASH_SIZE ? rows[0].data : undefined;
}

/** Loads, in one query, the tiles that hold the given nodes of a tree of `size` leaves. */
async function tileSourceFor(db: Queryable, nodes: readonly NodeId[], size: number) {
  const wanted = new Map<string, { level: number; index: number }>();
  for (const node of nodes) {
    const tile = tileOfNode(node, size);
    wanted.set(`${tile.level}/${tile.index}`, tile);
  }
  const list = [...wanted.values()];
  const { rows } = await db.query<{ level: number; idx: string; data: Buffer }>(
    'SELECT t.level, t.idx, t.data FROM ledger.tiles t JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON t.level = w.level AND t.idx = w.idx',
    [list.map((t) => t.level), list.map((t) => t.index)],
  );
  const data = new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, r.data]));
  return tileHashSource((level, index) => {
    const tile = data.get(`${level}/${index}`);
    if (!tile) throw new Error(`ledger tile ${level}/${index} is missing`);
    return tile;
  });
}

async function spanHashes(db: Queryable, spans: readonly Span[], size: number): Promise<Buffer[]> {
  if (spans.length === 0) return [];
  const source = await tileSourceFor(db, nodesOf(spans), size);
  return spans.map((s) => spanHash(s, source));
}

/** The root of the first `size` leaves, from the tiles of a tree of `treeSize` >= size leaves. */
export async function treeRootAt(db: Queryable, size: number, treeSize: number): Promise<Buffer> {
  const nodes = spanNodes({ start: 0, end: size });
  const source = await tileSourceFor(db, nodes, treeSize);
  return CompactRange.fromSource(size, source).root();
}

export async function inclusionProofFromStore(db: Queryable, index: number, size: number): Promise<Buffer[]> {
  return spanHashes(db, inclusionSpans(index, size), size);
}

export async function consistencyProofFromStore(db: Queryable, from: number, to: number): Promise<Buffer[]> {
  return spanHashes(db, consistencySpans(from, to), to);
}

