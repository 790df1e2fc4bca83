/**
 * Append throughput of the PostgreSQL event store, against the raw INSERT limit of the same server.
 *
 *   npm run bench -- append [--events=20000] [--warmup=2000] [--writers=64]
 *
 * Starts its own embedded PostgreSQL in a fresh temp folder on a free port; with DATABASE_URL set
 * it uses that server instead, in a scratch database it creates and drops (needs CREATEDB).
 * Prints a table and writes the figures to .bench/append.json. No assertions on timing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate } from '../src/database/migrations.js';
import type { NewEvent } from '../src/events/envelope.js';
import type { ExpectedRevision } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { openScratchDatabase } from './support/scratch-database.js';

export const description = 'event store appends (group commit) against the raw multi-row INSERT limit';

const RAW_BATCH = 500;

interface Options {
  events: number;
  warmup: number;
  writers: number;
}

interface Result {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  ratioToRaw: number;
  /** What one latency sample is: one append, or (raw) one 500-row INSERT. */
  latencyOf: string;
  latencyMs: { p50: number; p99: number };
  peakRssMb: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { events: 20_000, warmup: 2_000, writers: 64 };
  for (const arg of args) {
    const match = /^--(events|warmup|writers)=(\d+)$/.exec(arg);
    if (!match) throw new Error(`unknown option ${arg} (options: --events=N --warmup=N --writers=N)`);
    options[match[1] as keyof Options] = Number(match[2]);
  }
  return options;
}

// --- payloads ---------------------------------------------------------------------------------

const PROPOSAL = uuidv7();

/** A vote as the governance domain writes it: about 300 bytes of data, plus the usual metadata. */
function voteEvent(voter: number, n: number): NewEvent {
  const voterId = `0190a8f2-${String(voter).padStart(4, '0')}-7000-8000-${String(n).padStart(12, '0')}`;
  const commandId = uuidv7();
  return {
    id: uuidv7(),
    type: 'governance.VoteCast',
    schemaVersion: 1,
    data: {
      proposalId: PROPOSAL,
      ballotId: `ballot-${PROPOSAL.slice(0, 8)}-round-1`,
      voterId,
      choice: n % 3 === 0 ? 'reject' : 'approve',
      weight: 1,
      ranking: ['option-b', 'option-a', 'option-c'],
      rationaleSha256: randomBytes(32).toString('hex'),
    },
    meta: { actor: voterId, correlationId: commandId, causationId: commandId, occurredAt: new Date(Date.UTC(2026, 2, 1, 12, 0, 0, n)).toISOString() },
  };
}

// --- measuring --------------------------------------------------------------------------------

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Runs `body`, sampling this process's RSS; returns the elapsed seconds and the sampled peak. */
async function measured(body: () => Promise<void>): Promise<{ seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = process.hrtime.bigint();
  try {
    await body();
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakRssMb: peak / 2 ** 20 };
}

function result(name: string, events: number, latencyOf: string, latencies: number[], run: { seconds: number; peakRssMb: number }): Result {
  const sorted = Float64Array.from(latencies).sort();
  return {
    name,
    events,
    seconds: run.seconds,
    eventsPerSecond: events / run.seconds,
    ratioToRaw: Number.NaN,
    latencyOf,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) },
    peakRssMb: run.peakRssMb,
  };
}

// --- (a) the raw limit ------------------------------------------------------------------------

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS bench_raw_events (
  position bigint, id uuid, stream text, revision bigint, type text,
  schema_version int, data jsonb, meta jsonb, act jsonb
)`;

async function rawLimit(url: string, options: Options, batchRows: number): Promise<Result> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(RAW_TABLE);
    await client.query('TRUNCATE bench_raw_events');
    const columns = 9;
    const values = Array.from({ length: batchRows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`);
    const sql = `INSERT INTO bench_raw_events (position, id, stream, revision, type, schema_version, data, meta, act) VALUES ${values.join(', ')}`;
    let position = 0;
    const batches = (count: number) =>
      Array.from({ length: Math.ceil(count / batchRows) }, (_, b) =>
        Array.from({ length: Math.min(batchRows, count - b * batchRows) }, (_, i) => ({ stream: `raw-${i % 64}`, event: voteEvent(i % 64, b * batchRows + i) })),
      );
    // Parameters are built before the clock starts: the limit is the server's and the protocol's.
    const parameters = (batch: { stream: string; event: NewEvent }[]) => {
      const params: unknown[] = [];
      for (const { stream, event } of batch) {
        params.push(position, event.id, stream, position, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.meta), null);
        position += 1;
      }
      return params;
    };
    const insert = (params: unknown[]) => {
      const rows = params.length / columns;
      // Prepared once: planning a 4,500-parameter VALUES list on every call would halve the limit.
      // A short last batch gets its own statement text.
      return rows === batchRows
        ? client.query({ name: `bench_raw_insert_${batchRows}`, text: sql, values: params })
        : client.query(`INSERT INTO bench_raw_events (position, id, stream, revision, type, schema_version, data, meta, act) VALUES ${values.slice(0, rows).join(', ')}`, params);
    };
    const warmup = Math.max(options.warmup, 10 * batchRows);
    for (const batch of batches(warmup)) await insert(parameters(batch));
    const timed = batches(options.events).map(parameters);
    const latencies: number[] = [];
    const run = await measured(async () => {
      for (const params of timed) {
        const t0 = process.hrtime.bigint();
        await insert(params);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    });
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_raw_events');
    if (Number(rows[0]!.n) !== warmup + options.events) throw new Error(`raw table holds ${rows[0]!.n} rows`);
    return result(batchRows === RAW_BATCH ? `raw limit: INSERT ${batchRows} rows per txn, bare table` : `bare table, ${batchRows} rows per txn (one per writer)`, options.events, `one ${batchRows}-row INSERT`, latencies, run);
  } finally {
    await client.end();
  }
}

// --- (b), (c) the event store -----------------------------------------------------------------

interface Writer {
  stream: string;
  /** Exact expected revisions from a new stream, or 'any'. */
  exact: boolean;
  events: NewEvent[];
}

function writers(label: string, options: Options, count: number, sharedStream: boolean): Writer[] {
  const shared = `${label}-${uuidv7()}`;
  return Array.from({ length: options.writers }, (_, w) => {
    const share = Math.floor(count / options.writers) + (w < count % options.writers ? 1 : 0);
    return {
      stream: sharedStream ? shared : `${label}-${w}-${uuidv7()}`,
      exact: !sharedStream,
      events: Array.from({ length: share }, (_, i) => voteEvent(w, i)),
    };
  });
}

async function appendAll(store: PostgresEventStore, plan: Writer[], latencies?: number[]): Promise<void> {
  await Promise.all(
    plan.map(async (writer) => {
      for (const [i, event] of writer.events.entries()) {
        const expected: ExpectedRevision = writer.exact ? (i === 0 ? 'noStream' : i - 1) : 'any';
        const t0 = process.hrtime.bigint();
        await store.append(writer.stream, [event], expected);
        latencies?.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
}

async function storeScenario(store: PostgresEventStore, name: string, options: Options, sharedStream: boolean): Promise<Result> {
  await appendAll(store, writers('warmup', options, options.warmup, sharedStream));
  const plan = writers(sharedStream ? 'one' : 'own', options, options.events, sharedStream);
  const before = await store.headPosition();
  const latencies: number[] = [];
  const run = await measured(() => appendAll(store, plan, latencies));
  const written = (await store.headPosition()) - before;
  if (written !== options.events) throw new Error(`${name}: ${written} events written, ${options.events} appended`);
  return result(name, options.events, 'one append', latencies, run);
}

// --- report -----------------------------------------------------------------------------------

function table(results: Result[]): string {
  const header = ['scenario', 'events', 'events/s', 'vs raw', 'p50 ms', 'p99 ms', 'peak RSS MB'];
  const rows = results.map((r) => [
    r.name,
    r.events.toLocaleString('en-US'),
    Math.round(r.eventsPerSecond).toLocaleString('en-US'),
    `${(r.ratioToRaw * 100).toFixed(1)}%`,
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    r.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const database = await openScratchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // pool.end() resolves before its connections are closed: the server's shutdown may still reach one.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    let serverVersion: string;
    try {
      await migrate(client);
      serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    } finally {
      client.release();
    }
    const sample = voteEvent(1, 1);
    const dataBytes = JSON.stringify(sample.data).length;
    const metaBytes = JSON.stringify(sample.meta).length;
    console.log(
      `append benchmark: ${options.events.toLocaleString('en-US')} events per scenario after ${options.warmup.toLocaleString('en-US')} warm-up; ` +
        `${options.writers} concurrent writers; PostgreSQL ${serverVersion} (${database.where}); node ${process.version}, ${cpus().length} CPUs; ` +
        `event data ${dataBytes} B + meta ${metaBytes} B\n`,
    );

    const results: Result[] = [];
    results.push(await rawLimit(database.url, options, RAW_BATCH));
    // What a group commit can carry at best: one event per concurrent writer, one transaction.
    results.push(await rawLimit(database.url, options, options.writers));
    const store = new PostgresEventStore(pool, database.url);
    try {
      results.push(await storeScenario(store, `${options.writers} writers, own streams, exact revision`, options, false));
      results.push(await storeScenario(store, `${options.writers} writers, one stream, 'any'`, options, true));
    } finally {
      await store.close();
    }
    const raw = results[0]!.eventsPerSecond;
    for (const r of results) r.ratioToRaw = r.eventsPerSecond / raw;

    console.log(table(results));
    console.log(
      `\nlatency: per INSERT for the bare-table rows, per append call otherwise. peak RSS: this node process, sampled every 10 ms; process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
    );
    mkdirSync('.bench', { recursive: true });
    const report = {
      benchmark: 'append',
      at: new Date().toISOString(),
      environment: { node: process.version, cpus: cpus().length, postgres: serverVersion, database: database.where },
      settings: { ...options, rawBatchRows: RAW_BATCH, eventDataBytes: dataBytes, eventMetaBytes: metaBytes },
      results,
      processMaxRssMb: process.resourceUsage().maxRSS / 1024,
    };
    writeFileSync(join('.bench', 'append.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('written to .bench/append.json');
  } finally {
    await pool.end();
    await database.close();
  }
}
