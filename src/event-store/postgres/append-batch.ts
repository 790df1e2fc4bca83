import type { NewEvent } from '../../events/envelope.js';
import { contentHash, type EncodedEvent } from '../event-content.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { EventIdConflictError, WrongExpectedRevisionError } from '../event-store.port.js';

/** One caller's `append`, waiting in the group-commit queue. */
export interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  encoded: readonly EncodedEvent[];
  expected: ExpectedRevision;
}

export interface StoredId {
  id: string;
  stream: string;
  revision: number;
  position: number;
  /** The stored content's hash, computed only when an id is found again (idempotency is rare). */
  contentHash(): Buffer;
}

export interface EventRow {
  position: number;
  revision: number;
  stream: string;
  event: NewEvent;
  encoded: EncodedEvent;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/**
 * Decides, for a whole group of appends, which succeed and at which positions, given what the
 * store holds. Pure: the group committer fetches the inputs and writes the rows under one lock.
 * Appends are resolved in queue order, each seeing the ones before it.
 */
export function planBatch(
  appends: readonly PendingAppend[],
  nextPosition: number,
  streamRevisions: ReadonlyMap<string, number>,
  storedIds: ReadonlyMap<string, StoredId>,
): { outcomes: AppendOutcome[]; rows: EventRow[]; streams: Map<string, number>; nextPosition: number } {
  const revisions = new Map(streamRevisions);
  const batchIds = new Map<string, StoredId>();
  const rows: EventRow[] = [];
  const touched = new Map<string, number>();
  let position = nextPosition;
  const outcomes = appends.map((append): AppendOutcome => {
    const previous = append.events.map((e) => storedIds.get(e.id) ?? batchIds.get(e.id));
    const found = previous.filter((p): p is StoredId => p !== undefined);
    if (found.length > 0) {
      const differs = (p: StoredId | undefined, i: number) =>
        p !== undefined && !(p.stream === append.stream && p.contentHash().equals(contentHash(append.stream, append.events[i]!)));
      const same = found.length === append.events.length && !previous.some(differs);
      if (!same) return { ok: false, error: new EventIdConflictError(append.events.find((_, i) => differs(previous[i], i))?.id ?? found[0]!.id) };
      return { ok: true, result: { nextRevision: found[found.length - 1]!.revision, positions: found.map((p) => p.position) } };
    }
    // One id twice in one append would break the unique id, and with it the whole group commit.
    const seen = new Set<string>();
    const duplicate = append.events.find((e) => {
      if (seen.has(e.id)) return true;
      seen.add(e.id);
      return false;
    });
    if (duplicate) return { ok: false, error: new EventIdConflictError(duplicate.id) };
    const current = revisions.get(append.stream);
    const mismatch = checkExpected(append.expected, current);
    if (mismatch) return { ok: false, error: new WrongExpectedRevisionError(append.stream, append.expected, current ?? 'noStream') };
    if (append.events.length === 0) return { ok: true, result: { nextRevision: current ?? -1, positions: [] } };
    let revision = current ?? -1;
    const positions: number[] = [];
    append.events.forEach((event, i) => {
      revision += 1;
      const stream = append.stream;
      rows.push({ position, revision, stream, event, encoded: append.encoded[i]! });
      batchIds.set(event.id, { id: event.id, stream, revision, position, contentHash: () => contentHash(stream, event) });
      positions.push(position);
      position += 1;
    });
    revisions.set(append.stream, revision);
    touched.set(append.stream, revision);
    return { ok: true, result: { nextRevision: revision, positions } };
  });
  return { outcomes, rows, streams: touched, nextPosition: position };
}

function checkExpected(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return false;
    case 'noStream':
      return current !== undefined;
    case 'exists':
      return current === undefined;
    default:
      return current !== expected;
  }
}
