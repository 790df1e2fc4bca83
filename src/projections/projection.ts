import type pg from 'pg';
import type { EventEnvelope } from '../events/envelope.js';

/**
 * A projection owns some read-model tables and keeps them in step with the log (DESIGN §4).
 * The runner calls `apply` with a batch of the events it handles, inside the transaction that
 * also moves its checkpoint: rows and checkpoint commit together or not at all.
 */
export interface Projection {
  /** Unique; also the key of its checkpoint and its advisory lock. */
  readonly name: string;
  /** Bumped when the tables or the way they are built change: a new version is rebuilt. */
  readonly version: number;
  /** Event types it reads; the others only move its checkpoint. */
  readonly handles: readonly string[];
  /** Tables it owns (schema-qualified), emptied on rebuild. */
  readonly tables: readonly string[];
  /** Idempotent DDL that creates its tables (CREATE ... IF NOT EXISTS). */
  readonly schema: string;
  /** Applies a batch in order with multi-row statements; never one query per event. */
  apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void>;
}
