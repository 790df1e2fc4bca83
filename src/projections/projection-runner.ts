import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventStore, Subscription } from '../event-store/event-store.port.js';
import { useReadModelSchema, type Projection } from './projection.js';
import { ensureCheckpoint, resetProjection, RUNNER_LOCK_NAMESPACE as LOCK_NAMESPACE } from './checkpoints.js';
import { RebuildAlreadyRunning, rebuildBlueGreen } from './blue-green.js';


const TICK = Symbol('tick');
const IDLE = Symbol('idle');
/**
 * SQLSTATE classes that say nothing about the batch: connection exception, transaction rollback
 * (serialization failure, deadlock), insufficient resources, operator intervention (a terminated
 * backend, a server shutting down). The runner restarts from its checkpoint instead of failing.
 */
const TRANSIENT_SQLSTATE = /^(08|40|53|57)/;

export type RunnerState =
  | { kind: 'starting' }
  | { kind: 'standby' }
  | { kind: 'running'; position: number }
  /** Building a new version beside the live tables (blue-green), which keep answering. */
  | { kind: 'rebuilding'; position: number; head: number }
  | { kind: 'paused'; position: number }
  | { kind: 'failed'; position: number; error: string }
  | { kind: 'stopped' };

export interface RunnerOptions {
  batchSize?: number;
  /** How often a standby runner tries to take over. */
  standbyRetryMs?: number;
  /** How often a runner with nothing to apply checks that its checkpoint was not reset and its connection lives. */
  idleCheckMs?: number;
  /**
   * `all`: the projection is handed every event, whatever its `handles` lists (the ledger
   * integrator, whose leaves are the whole log); otherwise only the types it handles.
   */
  handles?: 'all';
  /**
   * `head`: follow only the log's head and hand the projection ranges of positions
   * (`applyRange`), for a projection that reads the events itself; nothing is read for it here.
   */
  follow?: 'events' | 'head';
  /** How often a runner following the head looks for new events when it has none. */
  headPollMs?: number;
  /** Batch size of a blue-green rebuild after a version upgrade. */
  rebuildBatchSize?: number;
  log?: (message: string) => void;
}

/** Emits `advanced` (name, position) whenever a runner in this process commits a batch. */
export const projectionProgress = new EventEmitter().setMaxListeners(0);

/**
 * Keeps one projection in step with the log. Only the process holding the projection's advisory
 * lock applies events; the others wait in standby and take over when that connection goes away.
 * Each batch commits together with the checkpoint, so a crash never skips or repeats an event.
 */
export class ProjectionRunner {
  private state: RunnerState = { kind: 'starting' };
  private stopping = false;
  private client: pg.Client | undefined;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private readonly handled: ReadonlySet<string> | 'all';
  /** Ends the current sleep early (on stop). */
  private wake: (() => void) | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.handled = options.handles === 'all' ? 'all' : new Set(projection.handles);
  }

  get status(): RunnerState {
    return this.state;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    this.state = { kind: 'stopped' };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const client = await this.connect();
        const leader = await this.tryLock(client);
        if (!leader) {
          this.state = { kind: 'standby' };
          await client.end();
          this.client = undefined;
          await this.sleep(this.options.standbyRetryMs ?? 1000);
          continue;
        }
        if (!(await this.upgraded(client))) continue;
        await ensureCheckpoint(client, this.projection);
        // A paused or failed projection is held, lock and all, until an operator resumes it.
        const position = await this.waitWhileHeld(client);
        if (position === undefined) break;
        this.state = { kind: 'running', position };
        await this.follow(client, position);
      } catch (error) {
        if (this.stopping) break;
        const message = (error as Error).message;
        if (error instanceof ProjectionFailed) {
          this.options.log?.(`projection ${this.projection.name} failed: ${message}; it waits for \`civic projections resume ${this.projection.name}\``);
          continue;
        }
        this.options.log?.(`projection ${this.projection.name}: ${message}; restarting`);
        await this.sleep(1000);
      } finally {
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: `projection:${this.projection.name}` });
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  private async tryLock(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_NAMESPACE, this.projection.name]);
    return rows[0]!.locked;
  }

  /**
   * A live version older than the code's is rebuilt blue-green before this runner follows the
   * log: the old tables keep answering queries until the new ones are swapped in. A live version
   * newer than the code's belongs to newer processes: this one stands by. Returns whether the
   * runner may go on (false: try again after a pause, or stopping).
   */
  private async upgraded(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM projections.checkpoints WHERE name = $1', [this.projection.name]);
    const live = rows[0]?.version;
    if (live === undefined || live === this.projection.version) return true;
    if (live > this.projection.version) {
      this.state = { kind: 'standby' };
      this.options.log?.(`projection ${this.projection.name}: version ${live} is live, newer than this build's ${this.projection.version}; standing by`);
      await this.sleep(this.options.standbyRetryMs ?? 1000);
      return false;
    }
    this.options.log?.(`projection ${this.projection.name}: version ${live} is live, this build has ${this.projection.version}; rebuilding it beside the live tables`);
    this.state = { kind: 'rebuilding', position: 0, head: 0 };
    try {
      const result = await rebuildBlueGreen(this.connectionString, this.store, this.projection, {
        batchSize: this.options.rebuildBatchSize,
        shouldStop: () => this.stopping,
        onProgress: ({ position, head }) => (this.state = { kind: 'rebuilding', position, head }),
      });
      if (result.outcome === 'stopped') return false;
      this.options.log?.(`projection ${this.projection.name}: version ${result.version} swapped in at position ${result.position}`);
      return true;
    } catch (error) {
      if (!(error instanceof RebuildAlreadyRunning)) throw error;
      // An operator's rebuild of the same projection builds this version too: wait for its swap.
      await this.sleep(this.options.standbyRetryMs ?? 1000);
      return false;
    }
  }

  /**
   * While the checkpoint says paused or failed, reflects it in the state and polls; returns the
   * position to resume from once it says running, or undefined when the runner is stopping.
   */
  private async waitWhileHeld(client: pg.Client): Promise<number | undefined> {
    for (;;) {
      const { rows } = await client.query<{ position: string; status: string; error: string | null }>(
        'SELECT position, status, error FROM projections.checkpoints WHERE name = $1',
        [this.projection.name],
      );
      const row = rows[0]!;
      const position = Number(row.position);
      if (row.status === 'paused') this.state = { kind: 'paused', position };
      else if (row.status === 'failed') this.state = { kind: 'failed', position, error: row.error ?? 'failed' };
      else return position;
      if (this.stopping) return undefined;
      await this.sleep(this.options.idleCheckMs ?? 1000);
      if (this.stopping) return undefined;
    }
  }

  /** Reads the log from `position` in micro-batches: whatever is already at hand, up to batchSize. */
  private async follow(client: pg.Client, from: number): Promise<void> {
    const max = this.options.batchSize ?? 1000;
    if (this.options.follow === 'head') return this.followHead(client, from, max);
    const subscription = (this.subscription = this.store.subscribe(from));
    try {
      await this.followSubscription(client, from, max, subscription);
    } finally {
      // Also on an error: a subscription left open keeps its connection for the life of the process.
      await subscription.close();
    }
  }

  private async followSubscription(client: pg.Client, from: number, max: number, subscription: Subscription): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    // A read that fails while no one awaits it (during a commit, or on shutdown) must not become
    // an unhandled rejection; the failure surfaces when the promise is awaited.
    const pull = () => {
      const pending = iterator.next();
      pending.catch(() => undefined);
      return pending;
    };
    let position = from;
    let next = pull();
    while (!this.stopping) {
      const first = await this.orIdle(next);
      if (first === IDLE) {
        // At the head: an operator's reset must not wait for the next event to be noticed, and a
        // query on a connection that died (and so lost the lock) ends this run.
        if (await this.checkpointMoved(client, position)) return;
        continue;
      }
      if (first.done) return;
      const batch: EventEnvelope[] = [first.value];
      next = pull();
      while (batch.length < max) {
        const more = await Promise.race([next, new Promise<typeof TICK>((r) => setImmediate(() => r(TICK)))]);
        if (more === TICK || more.done) break;
        batch.push(more.value);
        next = pull();
      }
      let moved: number | 'reset';
      try {
        moved = await this.commitEvents(client, position, batch, batch.length === 1);
      } catch (error) {
        if (!(error instanceof PoisonBatch)) throw error;
        // Some event of the batch cannot be applied: go one event at a time, so that the
        // projection stops exactly at that event, with everything before it applied.
        moved = position;
        for (const event of batch) {
          moved = await this.commitEvents(client, moved, [event], true);
          if (moved === 'reset') break;
        }
      }
      if (moved === 'reset') return;
      position = moved;
      this.state = { kind: 'running', position };
      projectionProgress.emit('advanced', this.projection.name, position);
    }
  }

  /** Hands the projection ranges of up to `max` positions as the log's head moves. */
  private async followHead(client: pg.Client, from: number, max: number): Promise<void> {
    const applyRange = this.projection.applyRange?.bind(this.projection);
    if (!applyRange) throw new Error(`projection ${this.projection.name} cannot be handed ranges of positions`);
    let position = from;
    let idleSince = Date.now();
    while (!this.stopping) {
      const head = await this.store.headPosition();
      if (head <= position) {
        if (Date.now() - idleSince >= (this.options.idleCheckMs ?? 1000)) {
          if (await this.checkpointMoved(client, position)) return;
          idleSince = Date.now();
        }
        await this.sleep(this.options.headPollMs ?? 100);
        continue;
      }
      const to = Math.min(head, position + max);
      const moved = await this.commit(client, position, to, (tx) => applyRange(position, to, tx), true, '');
      if (moved === 'reset') return;
      position = moved;
      idleSince = Date.now();
      this.state = { kind: 'running', position };
      projectionProgress.emit('advanced', this.projection.name, position);
    }
  }

  /** The pending next event, or IDLE when none came for `idleCheckMs`. */
  private async orIdle<T>(pending: Promise<T>): Promise<T | typeof IDLE> {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), this.options.idleCheckMs ?? 1000)));
    try {
      return await Promise.race([pending, idle]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Whether an operator reset or paused the projection, or a rebuild swapped in another version:
   * the run then starts over from the checkpoint.
   */
  private async checkpointMoved(client: pg.Client, expected: number): Promise<boolean> {
    const { rows } = await client.query<{ position: string; status: string; version: number }>('SELECT position, status, version FROM projections.checkpoints WHERE name = $1', [this.projection.name]);
    return Number(rows[0]?.position) !== expected || rows[0]?.status !== 'running' || rows[0]?.version !== this.projection.version;
  }

  private commitEvents(client: pg.Client, expected: number, batch: EventEnvelope[], markFailed: boolean): Promise<number | 'reset'> {
    const handled = this.handled;
    const relevant = handled === 'all' ? batch : batch.filter((e) => handled.has(e.type));
    const apply = relevant.length > 0 ? (tx: pg.Client) => this.projection.apply(relevant, tx) : undefined;
    const event = batch.length === 1 ? `; event ${batch[0]!.id} of type ${batch[0]!.type}` : '';
    return this.commit(client, expected, batch[batch.length - 1]!.position + 1, apply, markFailed, event);
  }

  /**
   * Applies a batch (up to position `last`, exclusive) and moves the checkpoint in one
   * transaction. A database error that is the batch's fault marks the projection failed when
   * `markFailed`, or else throws PoisonBatch.
   */
  private async commit(
    client: pg.Client,
    expected: number,
    last: number,
    apply: ((tx: pg.Client) => Promise<void>) | undefined,
    markFailed: boolean,
    event: string,
  ): Promise<number | 'reset'> {
    await client.query('BEGIN');
    try {
      // An operator's reset or pause, or a rebuild's swap, changes the checkpoint under us: the row lock orders us after it.
      const { rows } = await client.query<{ position: string; status: string; version: number }>(
        'SELECT position, status, version FROM projections.checkpoints WHERE name = $1 FOR UPDATE',
        [this.projection.name],
      );
      if (Number(rows[0]?.position) !== expected || rows[0]?.status !== 'running' || rows[0]?.version !== this.projection.version) {
        await client.query('ROLLBACK');
        return 'reset';
      }
      if (apply) {
        await useReadModelSchema(client);
        await apply(client);
      }
      await client.query(`UPDATE projections.checkpoints SET position = $2, status = 'running', error = NULL, updated_at = now() WHERE name = $1`, [this.projection.name, last]);
      await client.query('COMMIT');
      return last;
    } catch (error) {
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      const code = (error as { code?: string }).code;
      if (rolledBack && client === this.client && code !== undefined && !TRANSIENT_SQLSTATE.test(code)) {
        // A database error while applying is a poison batch: stop this projection only, visibly.
        // A lost connection or a transient conflict is not: the run restarts from the checkpoint.
        if (!markFailed) throw new PoisonBatch(error);
        const message = `${(error as Error).message} (batch from position ${expected}${event})`;
        await client.query(`UPDATE projections.checkpoints SET status = 'failed', error = $2, updated_at = now() WHERE name = $1`, [this.projection.name, message]).catch(() => undefined);
        this.state = { kind: 'failed', position: expected, error: message };
        throw new ProjectionFailed(message);
      }
      throw error;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** A batch failed with an error of its own making (not a lost connection): retried event by event. */
class PoisonBatch extends Error {
  constructor(readonly original: unknown) {
    super((original as Error).message);
  }
}

/** The projection was marked failed: the runner holds it until an operator resumes it. */
class ProjectionFailed extends Error {}

export { resetProjection };
