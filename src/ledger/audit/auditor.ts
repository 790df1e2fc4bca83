import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EventEnvelope } from '../../events/envelope.js';
import { hash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { CompactRange, HASH_SIZE } from '../merkle/merkle.js';
import { ActChecker, AuditMismatch } from './act-checker.js';
import { isCanonicalText, sameJson } from './entry-match.js';
import { getThroughFetch, keepAliveGet, type Get } from './http-get.js';
import { openCheckpoint } from '../note/checkpoint.js';
import type { PublishedElection } from './election-results-check.js';
import { ResultsChecker, type PublishedDecision } from './results-check.js';
import type { NoteVerifier } from '../note/note.js';
import { TILE_HEIGHT, TILE_WIDTH, entriesPath, fullTileHash, tilePath, tilesForSize, type TileId } from '../tiles/tiles.js';

/**
 * The auditor: with only the instance URL and the log's verifier key, checks the signed
 * checkpoint, recomputes every leaf from the entry bundles, every tile and the root, compares
 * every entry with the event the API serves at that index, and checks that the tree still
 * extends the checkpoint seen last time (kept in a state file). Streams: memory is O(n/256).
 */

/** Leaf tiles whose events come in one request (768 events; the API serves up to 1,000 at once). */
const TILES_PER_PAGE = 3;
/** Pages of leaf tiles fetched ahead of the one being checked (each tile with its bundle, and the page's events). */
const PREFETCH_PAGES = 3;

interface FetchedChunk {
  /** Per tile, its hashes (width·32 bytes). */
  tileData: Buffer[];
  bundles: Buffer[];
  events: EventEnvelope[] | undefined;
}

/** Where each entry of a bundle starts (after its 2-byte length); throws on a truncated bundle. */
function entryOffsets(bundle: Buffer): number[] {
  const offsets: number[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new RangeError('truncated entry bundle');
    const length = bundle.readUInt16BE(at);
    if (at + 2 + length > bundle.length) throw new RangeError('truncated entry bundle');
    offsets.push(at + 2);
    at += 2 + length;
  }
  return offsets;
}

/**
 * The events the API serves at indexes [from, from + count). A server may answer with fewer than
 * asked for: the rest is asked for from the position after the last one served, until none come.
 */
async function servedEvents(fetcher: Get, base: string, from: number, count: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  let next = from;
  while (out.length < count) {
    const page = JSON.parse((await get(fetcher, `${base}/api/ledger/events?from=${next}&limit=${count - out.length}`)).toString('utf8')) as { items?: unknown };
    const items = Array.isArray(page.items) ? (page.items as EventEnvelope[]) : [];
    if (items.length === 0) break;
    for (const item of items) out.push(item);
    const last = items[items.length - 1]?.position;
    if (typeof last !== 'number' || !(last >= next)) break;
    next = last + 1;
  }
  return out.slice(0, count);
}

export { ActChecker, AuditMismatch } from './act-checker.js';

export interface AuditState {
  origin: string;
  size: number;
  /** base64 root hash. */
  root: string;
  checkpoint: string;
}

export interface AuditOptions {
  /** The instance's base URL, e.g. https://civic.example.org */
  url: string;
  verifier: NoteVerifier;
  /** Expected origin; default: whatever the verifier's key name is. */
  origin?: string;
  stateFile?: string;
  /** Compare each entry with the event served by /api/ledger/events (default true). */
  checkEvents?: boolean;
  /**
   * Recompute every proposal's result from the events (default true), and, when events are
   * checked against the API too, compare them with the published decision log.
   */
  checkResults?: boolean;
  /** How to GET (an exported folder, a test double); default: kept-alive node:http(s) requests. */
  fetch?: typeof fetch;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditReport {
  origin: string;
  size: number;
  root: string;
  previousSize: number | null;
  eventsChecked: number;
  actsChecked: number;
  /** Closed proposals whose result was recomputed from their votes and delegations. */
  proposalsRecomputed: number;
  /** Closed elections recounted from their ballots. */
  electionsRecomputed: number;
  /** Whether the published decision log (proposals and elections) was compared with the recomputed results. */
  decisionLogCompared: boolean;
}

async function get(fetcher: Get, url: string): Promise<Buffer> {
  const res = await fetcher(url);
  if (res.status < 200 || res.status > 299) throw new AuditMismatch(`GET ${url}: HTTP ${res.status}`);
  return res.body;
}

export function readAuditState(path: string): AuditState | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as AuditState;
}

function writeAuditState(path: string, state: AuditState): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

/** The whole published decision log, as of the audited checkpoint (read-your-writes: the instance waits until its read model has it). */
async function publishedDecisions(fetcher: Get, base: string, size: number): Promise<PublishedDecision[]> {
  const out: PublishedDecision[] = [];
  for (let offset = 0; ; offset += DECISION_LOG_PAGE) {
    const page = JSON.parse((await get(fetcher, `${base}/api/decision-log?atPosition=${size - 1}&limit=${DECISION_LOG_PAGE}&offset=${offset}`)).toString('utf8')) as {
      items: PublishedDecision[];
      total: number;
    };
    out.push(...page.items);
    if (page.items.length < DECISION_LOG_PAGE) return out;
  }
}

const DECISION_LOG_PAGE = 200;

/** Every closed election the decision log publishes, as of the audited checkpoint. */
async function publishedElections(fetcher: Get, base: string, size: number): Promise<PublishedElection[]> {
  const out: PublishedElection[] = [];
  for (let offset = 0; ; offset += DECISION_LOG_PAGE) {
    const page = JSON.parse((await get(fetcher, `${base}/api/decision-log/elections?atPosition=${size - 1}&limit=${DECISION_LOG_PAGE}&offset=${offset}`)).toString('utf8')) as {
      items: PublishedElection[];
    };
    out.push(...page.items);
    if (page.items.length < DECISION_LOG_PAGE) return out;
  }
}

/** What the auditor checks the leaves against: the signed tree and the state seen last time. */
interface LeafRange {
  base: string;
  size: number;
  /** base64 root of the signed checkpoint. */
  root: string;
  previous: AuditState | undefined;
}

/** The leaf phase's findings that the rest of the audit uses. */
interface LeafReport {
  /** Tree hashes of the full leaf tiles, in order (what level 1 must hold). */
  fullTileHashes: Buffer[];
  eventsChecked: number;
  actsChecked: number;
  proposalsRecomputed: number;
  electionsRecomputed: number;
  decisionLogCompared: boolean;
}

type LeafOptions = Pick<AuditOptions, 'checkEvents' | 'checkResults'>;

/**
 * Every leaf: entry bundles against leaf tiles, entries against served events, acts, results, the
 * root of all leaves against the signed one and the previous checkpoint's root; then the published
 * decision log against the recomputed results.
 */
async function checkLeaves(fetcher: Get, options: LeafOptions, leafRange: LeafRange, onProgress?: (done: number, total: number) => void): Promise<LeafReport> {
  const range = new CompactRange();
  const { base, size, previous } = leafRange;
  let previousRootSeen = previous === undefined || previous.size === 0;
  if (previous && previous.size === 0 && previous.root !== range.root().toString('base64')) throw new AuditMismatch('the state file holds a bad empty root');
  // The full leaf tiles' tree hashes: level 1 tiles are checked against them.
  const fullTileHashes: Buffer[] = [];
  let eventsChecked = 0;
  const acts = new ActChecker();
  const results = options.checkResults === false ? undefined : new ResultsChecker();
  const tiles = tilesForSize(size);

  // Leaf tiles are checked in order, a few at a time (memory stays bounded), while the next few
  // are already being fetched. Events come in pages of several tiles: fewer round trips.
  const leafTiles = tiles.filter((t) => t.level === 0);
  const chunks: TileId[][] = [];
  for (let t = 0; t < leafTiles.length; t += TILES_PER_PAGE) chunks.push(leafTiles.slice(t, t + TILES_PER_PAGE));
  const fetchChunk = async (chunk: TileId[]): Promise<FetchedChunk> => {
    const first = chunk[0].index * TILE_WIDTH;
    const count = chunk.reduce((n, tile) => n + tile.width, 0);
    const [tileData, bundles, events] = await Promise.all([
      Promise.all(chunk.map((tile) => get(fetcher, `${base}/ledger/${tilePath(tile)}`))),
      Promise.all(chunk.map((tile) => get(fetcher, `${base}/ledger/${entriesPath(tile.index, tile.width)}`))),
      options.checkEvents === false ? undefined : servedEvents(fetcher, base, first, count),
    ]);
    return { tileData, bundles, events };
  };
  const inFlight = new Map<number, Promise<FetchedChunk>>();
  const prefetch = (at: number): void => {
    for (let k = at; k < Math.min(at + PREFETCH_PAGES, chunks.length); k++) {
      if (!inFlight.has(k)) {
        const pending = fetchChunk(chunks[k]);
        pending.catch(() => undefined); // awaited in turn below; an early failure must not go unhandled
        inFlight.set(k, pending);
      }
    }
  };
  // The range reports each complete subtree it builds: those of height 8 are the full leaf tiles' hashes.
  const onNode = (level: number, _index: number, node: Buffer): void => {
    if (level === TILE_HEIGHT) fullTileHashes.push(node);
  };

  for (let c = 0; c < chunks.length; c++) {
    prefetch(c);
    const { tileData, bundles, events } = await inFlight.get(c)!;
    inFlight.delete(c);
    const chunkFirst = chunks[c][0].index * TILE_WIDTH;
    for (let k = 0; k < chunks[c].length; k++) {
      const tile = chunks[c][k];
      const first = tile.index * TILE_WIDTH;
      const hashes = tileData[k];
      // The bundle is decoded in place: each entry's leaf input, 0x00 || entry, overwrites the low byte of its length.
      const bundle = bundles[k];
      if (hashes.length % HASH_SIZE !== 0) throw new RangeError('tile data is not a whole number of hashes');
      const offsets = entryOffsets(bundle);
      if (hashes.length !== tile.width * HASH_SIZE) throw new AuditMismatch(`tile 0/${tile.index} has ${hashes.length / HASH_SIZE} hashes, not ${tile.width}`, first);
      // Entries are checked before their count: with one missing, the first entry out of place is named.
      for (let i = 0; i < Math.min(offsets.length, tile.width); i++) {
        const index = first + i;
        const start = offsets[i];
        const end = start + bundle.readUInt16BE(start - 2);
        const utf8 = isUtf8(bundle.subarray(start, end));
        const text = bundle.toString('utf8', start, end);
        bundle[start - 1] = 0x00;
        const leaf = hash('sha256', bundle.subarray(start - 1, end), 'buffer');
        if (leaf.compare(hashes, i * HASH_SIZE, (i + 1) * HASH_SIZE) !== 0) throw new AuditMismatch(`leaf ${index}: the entry does not hash to the leaf hash in tile 0/${tile.index}`, index);
        let envelope: unknown;
        let parseError: unknown;
        try {
          envelope = JSON.parse(text);
        } catch (error) {
          parseError = error;
        }
        if (events) {
          const event = events[index - chunkFirst];
          if (!event || event.position !== index) throw new AuditMismatch(`event ${index} is missing from the event log (found position ${event?.position ?? 'none'})`, index);
          // Exactly "the event's canonical bytes are the entry": valid UTF-8, the canonical text of its value, the event's value.
          if (parseError !== undefined || !utf8 || !isCanonicalText(text, envelope) || !sameJson(event, envelope, 'position')) {
            throw new AuditMismatch(`event ${index} differs from the entry the ledger committed to`, index);
          }
          eventsChecked++;
        }
        if (parseError !== undefined) throw parseError;
        acts.checkEnvelope(index, envelope as Partial<EventEnvelope>);
        const finding = results?.observeEnvelope(index, envelope);
        if (finding) throw new AuditMismatch(finding.message, finding.index);
        range.append(leaf, onNode);
        if (previous && range.size === previous.size) {
          if (range.root().toString('base64') !== previous.root) {
            throw new AuditMismatch(`history rewritten: the first ${previous.size} entries no longer have the root of the checkpoint seen last time`, previous.size - 1);
          }
          previousRootSeen = true;
        }
      }
      if (offsets.length !== tile.width) throw new AuditMismatch(`entry bundle ${tile.index} has ${offsets.length} entries, not ${tile.width}`, first + Math.min(offsets.length, tile.width));
      onProgress?.(range.size, size);
    }
  }
  if (range.root().toString('base64') !== leafRange.root) throw new AuditMismatch(`the root of the ${size} entries is not the signed root`);
  if (!previousRootSeen) throw new AuditMismatch('the previous checkpoint was never reached');

  // The decision log the instance publishes must say what the log decided (only online: an export holds the log alone).
  const decisionLogCompared = results !== undefined && options.checkEvents !== false;
  if (results && decisionLogCompared) {
    const finding = results.compareWithDecisionLog(await publishedDecisions(fetcher, base, size), size);
    if (finding) throw new AuditMismatch(finding.message, finding.index);
    const electionFinding = results.elections.compareWithElectionLog(await publishedElections(fetcher, base, size), size);
    if (electionFinding) throw new AuditMismatch(electionFinding.message, electionFinding.index);
  }
  return {
    fullTileHashes,
    eventsChecked,
    actsChecked: acts.checked,
    proposalsRecomputed: results?.proposalsRecomputed ?? 0,
    electionsRecomputed: results?.elections.electionsRecomputed ?? 0,
    decisionLogCompared,
  };
}


export async function audit(options: AuditOptions): Promise<AuditReport> {
  const http = options.fetch ? undefined : keepAliveGet();
  try {
    return await auditWith(options.fetch ? getThroughFetch(options.fetch) : http!.get, options);
  } finally {
    http?.close();
  }
}

async function auditWith(fetcher: Get, options: AuditOptions): Promise<AuditReport> {
  const base = options.url.replace(/\/+$/, '');
  const origin = options.origin ?? options.verifier.name;
  const note = (await get(fetcher, `${base}/ledger/checkpoint`)).toString('utf8');
  let cp;
  try {
    cp = openCheckpoint(note, options.verifier, origin);
  } catch (error) {
    throw new AuditMismatch(`the checkpoint does not verify with ${options.verifier.toString()}: ${(error as Error).message}`);
  }
  const previous = options.stateFile ? readAuditState(options.stateFile) : undefined;
  if (previous && previous.origin !== cp.origin) throw new AuditMismatch(`the state file is for ${previous.origin}, not ${cp.origin}`);
  if (previous && previous.size > cp.size) {
    throw new AuditMismatch(`the log shrank: the checkpoint seen last time had ${previous.size} entries, this one ${cp.size}`, cp.size);
  }

  const leaves = await checkLeaves(fetcher, options, { base, size: cp.size, root: cp.root.toString('base64'), previous }, options.onProgress);
  const levelHashes: Buffer[][] = [leaves.fullTileHashes];
  const { eventsChecked, actsChecked, proposalsRecomputed, electionsRecomputed, decisionLogCompared } = leaves;
  const tiles = tilesForSize(cp.size);

  // Upper tiles: level L+1 holds the tree hashes of level L's full tiles.
  for (let level = 1; tiles.some((t) => t.level === level); level++) {
    const below = levelHashes[level - 1];
    levelHashes[level] = [];
    for (const tile of tiles.filter((t) => t.level === level)) {
      const data = await get(fetcher, `${base}/ledger/${tilePath(tile)}`);
      const expected = Buffer.concat(below.slice(tile.index * TILE_WIDTH, tile.index * TILE_WIDTH + tile.width));
      if (!data.equals(expected)) throw new AuditMismatch(`tile ${level}/${tile.index} does not hold the hashes of the tiles below it`, tile.index * TILE_WIDTH ** level * TILE_WIDTH);
      if (tile.width === TILE_WIDTH) levelHashes[level].push(fullTileHash(data));
    }
  }

  if (options.stateFile) writeAuditState(options.stateFile, { origin: cp.origin, size: cp.size, root: cp.root.toString('base64'), checkpoint: note });
  return {
    origin: cp.origin,
    size: cp.size,
    root: cp.root.toString('base64'),
    previousSize: previous?.size ?? null,
    eventsChecked,
    actsChecked,
    proposalsRecomputed,
    electionsRecomputed,
    decisionLogCompared,
  };
}
