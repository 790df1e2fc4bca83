import type { Position } from '@eventstore/db-client';
import { comparePositions } from './esdb-events.js';

/** One event of the global order, as the index keeps it (no data: that stays in the server). */
export interface IndexEntry {
  /** Where the event sits in $all. */
  position: Position;
  id: string;
  stream: string;
  revision: number;
  type: string;
  contentSha256: string;
}

/**
 * The port's dense global order over EventStoreDB's $all (ADR on the EventStoreDB adapter).
 * $all positions are byte offsets in the server's log: total and stable, but sparse. The port's
 * `position` is the 0-based index of an event among the non-system events of $all, in $all order,
 * which is what the ledger needs (leaf index = position). Counting is stable because $all is
 * append-only: events are never inserted before the end, and this deployment never deletes or
 * truncates streams (a scavenge of deleted events would renumber everything after them).
 */
export class GlobalIndex {
  private readonly entries: IndexEntry[] = [];
  private readonly byId = new Map<string, number>();

  /** The number of events indexed: the next event's dense position. */
  get size(): number {
    return this.entries.length;
  }

  /** $all position of the last event indexed: where the next catch-up continues (exclusive). */
  get last(): Position | undefined {
    return this.entries[this.entries.length - 1]?.position;
  }

  /** Appends the next events of $all, which must come strictly after the last one indexed. */
  add(entry: IndexEntry): number {
    const last = this.last;
    if (last && comparePositions(entry.position, last) <= 0) {
      throw new Error(`index: $all position ${entry.position.commit}/${entry.position.prepare} is not after ${last.commit}/${last.prepare}`);
    }
    if (this.byId.has(entry.id)) throw new Error(`index: event id ${entry.id} appears twice in $all`);
    this.byId.set(entry.id, this.entries.length);
    this.entries.push(entry);
    return this.entries.length - 1;
  }

  /** Whether a $all position was already indexed (a catch-up read starts at the last one, inclusive). */
  covers(position: Position): boolean {
    const last = this.last;
    return last !== undefined && comparePositions(position, last) <= 0;
  }

  /**
   * Where in $all a read or subscription from dense position `from` resumes: after the $all
   * position of event `from - 1` (a checkpoint is the next event to read), 'start' from the
   * beginning of $all, or 'ahead' when fewer than `from` events are indexed yet.
   */
  resumeAfter(from: number): Position | 'start' | 'ahead' {
    if (from <= 0) return 'start';
    if (from > this.entries.length) return 'ahead';
    return this.entries[from - 1]!.position;
  }

  at(dense: number): IndexEntry | undefined {
    return this.entries[dense];
  }

  /** Dense position of an event id, if it is in the global order. */
  positionOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Dense positions from `from` of the events of `types` (all when absent), at most `maxCount`. */
  select(from: number, maxCount: number, types?: ReadonlySet<string>): number[] {
    const selected: number[] = [];
    for (let dense = Math.max(0, from); dense < this.entries.length && selected.length < maxCount; dense += 1) {
      if (!types || types.has(this.entries[dense]!.type)) selected.push(dense);
    }
    return selected;
  }
}
