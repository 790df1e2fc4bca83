import { randomBytes } from 'node:crypto';
import { CompactRange, consistencyProof, inclusionProof, leafHash, nodesOf, consistencySpans, inclusionSpans, verifyConsistency, verifyInclusion } from '../merkle/merkle.js';
import {
  buildTiles,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesPath,
  parseTilePath,
  tileFor,
  tileHashSource,
  tileOfNode,
  tilePath,
  tilesForSize,
} from './tiles.js';

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('writes the index in 3-digit groups, all but the last prefixed x', () => {
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(67)).toBe('067');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 0, width: 1 })).toBe('tile/2/000.p/1');
    expect(entriesPath(273, 112)).toBe('tile/entries/273.p/112');
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
  });

  it('parses canonical paths and nothing else', () => {
    expect(parseTilePath('0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('1/001.p/17')).toEqual({ level: 1, index: 1, width: 17 });
    expect(parseTilePath('entries/273.p/112')).toEqual({ level: 'entries', index: 273, width: 112 });
    for (const bad of ['0/1', '0/x000/001', '0/001.p/256', '0/001.p/0', '0/001.p/017', '01/001', '0/x1/001', '0/001/', 'entries/1234067', '0/001.p/']) {
      expect(parseTilePath(bad)).toBeUndefined();
    }
  });
});

describe('tiles of a tree', () => {
  it('matches the 70,000-leaf example of the spec', () => {
    const tiles = tilesForSize(70000);
    const level0 = tiles.filter((t) => t.level === 0);
    expect(level0.filter((t) => t.width === 256)).toHaveLength(273);
    expect(level0[level0.length - 1]).toEqual({ level: 0, index: 273, width: 112 });
    expect(tiles.filter((t) => t.level === 1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(tiles.filter((t) => t.level === 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles.filter((t) => t.level > 2)).toEqual([]);
    expect(tiles.map(tilePath)).toContain('tile/0/273.p/112');
    expect(tileFor(0, 69999, 70000)).toEqual({ level: 0, index: 273, width: 112 });
    expect(() => tileFor(0, 70000, 70000)).toThrow(RangeError);
  });

  it('has no tiles for the empty tree and one partial for a small tree', () => {
    expect(tilesForSize(0)).toEqual([]);
    expect(tilesForSize(5)).toEqual([{ level: 0, index: 0, width: 5 }]);
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });

  it('recomputes the root and serves every proof from the tiles alone', () => {
    const size = 256 * 3 + 45;
    const leaves = Array.from({ length: size }, () => leafHash(randomBytes(12)));
    const tiles = buildTiles(leaves);
    expect([...tiles.keys()].sort()).toEqual(tilesForSize(size).map(tilePath).sort());
    const range = new CompactRange();
    for (const leaf of leaves) range.append(leaf);
    const fetched = new Set<string>();
    const source = tileHashSource((level, index) => {
      const tile = tileFor(level, index * 256, size);
      fetched.add(tilePath(tile));
      return tiles.get(tilePath(tile))!;
    });
    expect(CompactRange.fromSource(size, source).root()).toEqual(range.root());
    for (const i of [0, 1, 255, 256, 700, size - 1]) {
      expect(verifyInclusion(i, size, leaves[i], inclusionProof(i, size, source), range.root())).toBe(true);
      for (const node of nodesOf(inclusionSpans(i, size))) expect(tiles.has(tilePath(tileOfNode(node, size)))).toBe(true);
    }
    const small = new CompactRange();
    for (const leaf of leaves.slice(0, 300)) small.append(leaf);
    expect(verifyConsistency(300, size, consistencyProof(300, size, source), small.root(), range.root())).toBe(true);
    for (const node of nodesOf(consistencySpans(300, size))) expect(tiles.has(tilePath(tileOfNode(node, size)))).toBe(true);
  });
});

describe('entry bundles', () => {
  it('prefixes each entry with its big-endian uint16 length', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(bundle.subarray(0, 4)).toEqual(Buffer.from([0, 2, 0x61, 0x62]));
    expect(bundle.subarray(4, 8)).toEqual(Buffer.from([0, 0, 0x01, 0x2c]));
    expect(decodeEntryBundle(bundle)).toEqual([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
    expect(() => encodeEntryBundle([Buffer.alloc(65536)])).toThrow(RangeError);
  });
});
