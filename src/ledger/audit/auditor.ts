import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EventEnvelope } from '../../events/envelope.js';
import { verify } from 'node:crypto';
import { canonicalBytes } from '../../events/canonical.js';
import { envelopeBytes } from '../../event-store/event-content.js';
import { publicKeyFromRaw } from '../../commands/shared/signed-act.js';
import { CompactRange, leafHash } from '../merkle/merkle.js';
import { openCheckpoint } from '../note/checkpoint.js';
import { ResultsChecker, type PublishedDecision } from './results-check.js';
import type { NoteVerifier } from '../note/note.js';
import { TILE_WIDTH, decodeEntryBundle, entriesPath, fullTileHash, tileHashes, tilePath, tilesForSize, type TileId } from '../tiles/tiles.js';

/**
 * The auditor: with only the instance URL and the log's verifier key, checks the signed
 * checkpoint, recomputes every leaf from the entry bundles, every tile and the root, compares
 * every entry with the event the API serves at that index, and checks that the tree still
 * extends the checkpoint seen last time (kept in a state file). Streams: memory is O(n/256).
 */

/** Leaf tiles fetched ahead of the one being checked (each with its bundle and events). */
const PREFETCH_TILES = 8;

export class AuditMismatch extends Error {
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'AuditMismatch';
  }
}

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
  /** Whether the published decision log was compared with the recomputed results. */
  decisionLogCompared: boolean;
}

/**
 * Members' keys as the log registers and rotates them (members.KeyRegistered, members.KeyRotated),
 * and the check of each signed act against the keys its actor held at that point of the log (ADR 0004).
 */
export class ActChecker {
  private readonly keys = new Map<string, Map<string, string>>();
  checked = 0;

  /** Throws AuditMismatch when the entry carries an act whose signature does not verify. */
  check(index: number, entry: Buffer): void {
    const envelope = JSON.parse(entry.toString('utf8')) as Partial<EventEnvelope>;
    if (envelope.type === 'members.KeyRegistered') {
      const data = envelope.data as { memberId?: string; keyId?: string; publicKey?: string };
      if (data.memberId && data.keyId && data.publicKey) {
        let keys = this.keys.get(data.memberId);
        if (!keys) this.keys.set(data.memberId, (keys = new Map()));
        keys.set(data.keyId, data.publicKey);
      }
    }
    const act = envelope.act;
    if (act) {
      const command = act.command;
      const publicKey = this.keys.get(command?.actor)?.get(command?.keyId);
      if (!publicKey) throw new AuditMismatch(`event ${index}: act signed with key ${String(command?.keyId)}, which ${String(command?.actor)} had not registered on the log`, index);
      if (!signs(publicKey, command, act.signature)) throw new AuditMismatch(`event ${index}: the act's signature does not verify with ${command.actor}'s key ${command.keyId}`, index);
      this.checked++;
    }
    // After the act is checked: a rotation's act is signed by the key it retires (or by a verifier).
    // From here on the old key no longer signs for the member; acts before this position verified with it.
    if (envelope.type === 'members.KeyRotated') {
      const data = envelope.data as { memberId?: string; oldKeyId?: string; newKeyId?: string; publicKey?: string; possession?: string };
      if (data.memberId && data.oldKeyId && data.newKeyId && data.publicKey) {
        if (!act || !signs(data.publicKey, act.command, data.possession)) {
          throw new AuditMismatch(`event ${index}: the new key ${data.newKeyId} did not sign the rotation act (proof of possession)`, index);
        }
        let keys = this.keys.get(data.memberId);
        if (!keys) this.keys.set(data.memberId, (keys = new Map()));
        keys.delete(data.oldKeyId);
        keys.set(data.newKeyId, data.publicKey);
      }
    }
    if (envelope.type === 'members.MemberLeft') {
      const data = envelope.data as { memberId?: string };
      if (data.memberId) this.keys.delete(data.memberId);
    }
  }
}

function signs(publicKey: string, command: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  try {
    return verify(null, canonicalBytes(command), publicKeyFromRaw(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

async function get(fetcher: typeof fetch, url: string): Promise<Buffer> {
  const res = await fetcher(url);
  if (!res.ok) throw new AuditMismatch(`GET ${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
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
async function publishedDecisions(fetcher: typeof fetch, base: string, size: number): Promise<PublishedDecision[]> {
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

export async function audit(options: AuditOptions): Promise<AuditReport> {
  const fetcher = options.fetch ?? fetch;
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

  const range = new CompactRange();
  let previousRootSeen = previous === undefined || previous.size === 0;
  if (previous && previous.size === 0 && previous.root !== range.root().toString('base64')) throw new AuditMismatch('the state file holds a bad empty root');
  // Full tiles of each level, as hashes for the level above (level L+1 tiles are checked against them).
  const levelHashes: Buffer[][] = [[]];
  let eventsChecked = 0;
  const acts = new ActChecker();
  const results = options.checkResults === false ? undefined : new ResultsChecker();
  const tiles = tilesForSize(cp.size);

  // Tiles are checked in order, one at a time (memory stays bounded), while the next few are
  // already being fetched: the audit is bound by round trips, not by hashing.
  const leafTiles = tiles.filter((t) => t.level === 0);
  const fetchLeafTile = async (tile: TileId): Promise<{ hashes: Buffer[]; entries: Buffer[]; events: EventEnvelope[] | undefined }> => {
    const [hashes, entries, events] = await Promise.all([
      get(fetcher, `${base}/ledger/${tilePath(tile)}`).then(tileHashes),
      get(fetcher, `${base}/ledger/${entriesPath(tile.index, tile.width)}`).then(decodeEntryBundle),
      options.checkEvents === false
        ? undefined
        : get(fetcher, `${base}/api/ledger/events?from=${tile.index * TILE_WIDTH}&limit=${tile.width}`).then((b) => (JSON.parse(b.toString('utf8')) as { items: EventEnvelope[] }).items),
    ]);
    return { hashes, entries, events };
  };
  const inFlight = new Map<number, Promise<Awaited<ReturnType<typeof fetchLeafTile>>>>();
  const prefetch = (at: number): void => {
    for (let k = at; k < Math.min(at + PREFETCH_TILES, leafTiles.length); k++) {
      if (!inFlight.has(k)) {
        const pending = fetchLeafTile(leafTiles[k]);
        pending.catch(() => undefined); // awaited in turn below; an early failure must not go unhandled
        inFlight.set(k, pending);
      }
    }
  };

  for (let t = 0; t < leafTiles.length; t++) {
    const tile = leafTiles[t];
    prefetch(t);
    const fetched = await inFlight.get(t)!;
    inFlight.delete(t);
    const first = tile.index * TILE_WIDTH;
    const { hashes, entries, events } = fetched;
    if (entries.length !== tile.width) throw new AuditMismatch(`entry bundle ${tile.index} has ${entries.length} entries, not ${tile.width}`, first + Math.min(entries.length, tile.width));
    if (hashes.length !== tile.width) throw new AuditMismatch(`tile 0/${tile.index} has ${hashes.length} hashes, not ${tile.width}`, first);
    for (let i = 0; i < entries.length; i++) {
      const index = first + i;
      const leaf = leafHash(entries[i]);
      if (!leaf.equals(hashes[i])) throw new AuditMismatch(`leaf ${index}: the entry does not hash to the leaf hash in tile 0/${tile.index}`, index);
      if (events) {
        const event = events[i];
        if (!event || event.position !== index) throw new AuditMismatch(`event ${index} is missing from the event log (found position ${event?.position ?? 'none'})`, index);
        if (!envelopeBytes(event).equals(entries[i])) throw new AuditMismatch(`event ${index} differs from the entry the ledger committed to`, index);
        eventsChecked++;
      }
      acts.check(index, entries[i]);
      const finding = results?.observe(index, entries[i]);
      if (finding) throw new AuditMismatch(finding.message, finding.index);
      range.append(leaf);
      if (previous && range.size === previous.size) {
        if (range.root().toString('base64') !== previous.root) {
          throw new AuditMismatch(`history rewritten: the first ${previous.size} entries no longer have the root of the checkpoint seen last time`, previous.size - 1);
        }
        previousRootSeen = true;
      }
    }
    if (tile.width === TILE_WIDTH) levelHashes[0].push(fullTileHash(Buffer.concat(hashes)));
    options.onProgress?.(range.size, cp.size);
  }
  if (!range.root().equals(cp.root)) throw new AuditMismatch(`the root of the ${cp.size} entries is not the signed root`);
  if (!previousRootSeen) throw new AuditMismatch('the previous checkpoint was never reached');

  // The decision log the instance publishes must say what the log decided (only online: an export holds the log alone).
  const decisionLogCompared = results !== undefined && options.checkEvents !== false;
  if (results && decisionLogCompared) {
    const finding = results.compareWithDecisionLog(await publishedDecisions(fetcher, base, cp.size), cp.size);
    if (finding) throw new AuditMismatch(finding.message, finding.index);
  }

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
    actsChecked: acts.checked,
    proposalsRecomputed: results?.proposalsRecomputed ?? 0,
    decisionLogCompared,
  };
}
