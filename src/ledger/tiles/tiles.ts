import { HASH_SIZE, treeHash, type HashSource, type NodeId } from '../merkle/merkle.js';

/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles): tile coordinates and paths, tile contents, entry bundles.
 * A tile at level L holds up to 256 hashes of tree level 8·L: level 0 holds leaf hashes, level
 * L+1 holds the tree hashes of the full tiles of level L.
 */

export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
export const MAX_ENTRY_BYTES = 0xffff;

export interface TileId {
  level: number;
  index: number;
  /** 1..256; 256 is a full tile. */
  width: number;
}

/** `<N>` in 3-digit groups, all but the last prefixed `x`: 1234067 → `x001/x234/067`. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid tile index ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`invalid tile width ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]`, relative to the log's prefix. */
export function tilePath(tile: TileId): string {
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`, relative to the log's prefix. */
export function entriesPath(index: number, width: number): string {
  return `tile/entries/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

export interface ParsedTilePath {
  /** A hash level, or `entries` for an entry bundle. */
  level: number | 'entries';
  index: number;
  width: number;
}

/** Parses the part after `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`; undefined if not canonical. */
export function parseTilePath(path: string): ParsedTilePath | undefined {
  const match = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return undefined;
  const [, levelText, indexText, widthText] = match;
  const groups = indexText.split('/').map((g) => g.replace(/^x/, ''));
  if (groups.length > 1 && groups[0] === '000') return undefined; // not the canonical encoding
  const index = Number(groups.join(''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (!Number.isSafeInteger(index) || (widthText !== undefined && width >= TILE_WIDTH)) return undefined;
  return { level: levelText === 'entries' ? 'entries' : Number(levelText), index, width };
}

/** How many hashes level L holds for a tree of `size` leaves: ⌊size / 256^L⌋. */
export function hashesAtLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** Every tile (full and partial, all levels) of a tree of `size` leaves. */
export function tilesForSize(size: number): TileId[] {
  const tiles: TileId[] = [];
  for (let level = 0; ; level++) {
    const count = hashesAtLevel(level, size);
    if (count === 0) break;
    const full = Math.floor(count / TILE_WIDTH);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    if (count % TILE_WIDTH > 0) tiles.push({ level, index: full, width: count % TILE_WIDTH });
  }
  return tiles;
}

/** The tile at `level` holding hash `hashIndex`, at its width for a tree of `size`. */
export function tileFor(level: number, hashIndex: number, size: number): TileId {
  const index = Math.floor(hashIndex / TILE_WIDTH);
  const width = Math.min(TILE_WIDTH, hashesAtLevel(level, size) - index * TILE_WIDTH);
  if (hashIndex >= hashesAtLevel(level, size)) throw new RangeError(`hash ${hashIndex} of level ${level} is not in a tree of ${size}`);
  return { level, index, width };
}

/** The hashes of a tile's data (width·32 bytes). */
export function tileHashes(data: Uint8Array): Buffer[] {
  if (data.length % HASH_SIZE !== 0) throw new RangeError('tile data is not a whole number of hashes');
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += HASH_SIZE) out.push(Buffer.from(data.subarray(i, i + HASH_SIZE)));
  return out;
}

/** The hash a full tile contributes to the level above: the tree hash of its 256 hashes. */
export function fullTileHash(data: Uint8Array): Buffer {
  if (data.length !== TILE_WIDTH * HASH_SIZE) throw new RangeError('not a full tile');
  return treeHash(tileHashes(data));
}

/** The tile a complete subtree node is computed from, for a tree of `size`. */
export function tileOfNode(node: NodeId, size: number): TileId {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const span = 2 ** (node.level % TILE_HEIGHT);
  return tileFor(level, node.index * span, size);
}

/**
 * A hash source over tiles: node (l, i) is the tree hash of 2^(l mod 8) consecutive hashes of
 * tile level ⌊l/8⌋, all within one tile. `tile(level, index)` returns the tile's data (any width
 * that covers the node).
 */
export function tileHashSource(tile: (level: number, index: number) => Uint8Array): HashSource {
  return (level, index) => {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level % TILE_HEIGHT);
    const first = index * span;
    const data = tile(tileLevel, Math.floor(first / TILE_WIDTH));
    const offset = (first % TILE_WIDTH) * HASH_SIZE;
    if (data.length < offset + span * HASH_SIZE) throw new RangeError(`tile ${tileLevel}/${Math.floor(first / TILE_WIDTH)} does not hold node ${level}/${index}`);
    const hashes = tileHashes(data.subarray(offset, offset + span * HASH_SIZE));
    return span === 1 ? hashes[0] : treeHash(hashes);
  };
}

/**
 * Builds every tile of a tree from its leaf hashes, in memory; for tests and small logs (the
 * integrator builds them incrementally).
 */
export function buildTiles(leafHashes: readonly Uint8Array[]): Map<string, Buffer> {
  const tiles = new Map<string, Buffer>();
  let level = 0;
  let hashes: readonly Uint8Array[] = leafHashes;
  while (hashes.length > 0) {
    const above: Buffer[] = [];
    for (let start = 0; start < hashes.length; start += TILE_WIDTH) {
      const slice = hashes.slice(start, start + TILE_WIDTH);
      const data = Buffer.concat(slice);
      tiles.set(tilePath({ level, index: start / TILE_WIDTH, width: slice.length }), data);
      if (slice.length === TILE_WIDTH) above.push(fullTileHash(data));
    }
    hashes = above;
    level++;
  }
  return tiles;
}

/** An entry bundle: each entry a big-endian uint16 length, then its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES) throw new RangeError(`an entry is at most ${MAX_ENTRY_BYTES} bytes, not ${entry.length}`);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

export function decodeEntryBundle(bundle: Uint8Array): Buffer[] {
  const entries: Buffer[] = [];
  const buf = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  let at = 0;
  while (at < buf.length) {
    if (at + 2 > buf.length) throw new RangeError('truncated entry bundle');
    const length = buf.readUInt16BE(at);
    if (at + 2 + length > buf.length) throw new RangeError('truncated entry bundle');
    entries.push(Buffer.from(buf.subarray(at + 2, at + 2 + length)));
    at += 2 + length;
  }
  return entries;
}

