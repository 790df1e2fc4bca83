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
  /** Tables it owns, unqualified (they live in `read_models`), emptied on rebuild. */
  readonly tables: readonly string[];
  /** Idempotent DDL that creates its tables (CREATE ... IF NOT EXISTS), with unqualified names. */
  readonly schema: string;
  /** Applies a batch in order with multi-row statements; never one query per event. */
  apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void>;
  /**
   * For a projection that reads the log where it lies (the ledger integrator on PostgreSQL):
   * applies the positions [from, to). A runner told to follow the head hands ranges, not events.
   */
  applyRange?(from: number, to: number, tx: pg.ClientBase): Promise<void>;
}

/** Where a projection's tables live; queries read them here. */
export const READ_MODELS_SCHEMA = 'read_models';

/**
 * Points the transaction's unqualified table names at `schema` (the live read models, or a shadow
 * schema while a new version is built beside them), falling back to the live ones for reads.
 * Projections name their tables unqualified so that the same code builds either.
 */
export async function useReadModelSchema(tx: pg.ClientBase, schema: string = READ_MODELS_SCHEMA): Promise<void> {
  const path = schema === READ_MODELS_SCHEMA ? `${READ_MODELS_SCHEMA}, public` : `${schema}, ${READ_MODELS_SCHEMA}, public`;
  await tx.query(`SELECT set_config('search_path', $1, true)`, [path]);
}

/** The projection's live tables, schema-qualified, for queries outside its own transactions. */
export const liveTables = (projection: Pick<Projection, 'tables'>): string[] => projection.tables.map((t) => `${READ_MODELS_SCHEMA}.${t}`);
