/**
 * Ledger throughput: integration rate (events into tiles and signed checkpoints) and
 * audit rate (`civic audit` over HTTP: checkpoint, tiles, entry bundles, events), beside the raw
 * SHA-256 rate of the same leaf bytes measured in the same run.
 *
 *   npm run bench -- ledger [--events=1000000] [--batch=10000] [--no-audit]
 *
 * Starts its own embedded PostgreSQL in a fresh temp folder (or a scratch database on
 * DATABASE_URL), writes the events straight into event_store.events with multi-row INSERTs (the
 * append path is bench/append.ts's business), then times the integrator (in this process, as the
 * ledger role runs it) and the auditor against the instance started in a child process (api role),
 * as an auditor on another machine would meet it.
 * Prints a table and writes the figures to .bench/ledger.json. No assertions on timing.
 */
import { spawn } from 'node:child_process';
import { createHash, hash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate } from '../src/database/migrations.js';
import { encodeEvent, entryText, envelopeBytes } from '../src/event-store/event-content.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { audit } from '../src/ledger/audit/auditor.js';
import { ledgerProjection } from '../src/ledger/integrator/ledger.projection.js';
import { latestCheckpoint } from '../src/ledger/integrator/ledger-store.js';
import { NoteSigner } from '../src/ledger/note/note.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { LEDGER_BATCH, ledgerRunnerOptions } from '../src/ledger/ledger-integrator.service.js';
import { catchUpDecisionLog } from './support/decision-log.js';
import { freePort, openScratchDatabase } from './support/scratch-database.js';

export const description = 'ledger integration and audit rates against the raw SHA-256 rate of the same bytes';

interface Options {
  events: number;
  batch: number;
  audit: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = { events: 1_000_000, batch: LEDGER_BATCH, audit: true };
  for (const arg of args) {
    if (arg === '--no-audit') {
      options.audit = false;
      continue;
    }
    const match = /^--(events|batch)=(\d+)$/.exec(arg);
    if (!match) throw new Error(`unknown option ${arg} (options: --events=N --batch=N --no-audit)`);
    options[match[1] as 'events' | 'batch'] = Number(match[2]);
  }
  return options;
}

/** Votes as the governance domain writes them, straight into the table, 5,000 rows a statement. */
export async function fill(pool: pg.Pool, count: number): Promise<void> {
  const proposalId = uuidv7();
  const stream = `proposal-${proposalId}`;
  for (let start = 0; start < count; start += 5000) {
    const n = Math.min(5000, count - start);
    const rows = Array.from({ length: n }, (_, i) => {
      const position = start + i;
      const voterId = uuidv7();
      const event = {
        id: uuidv7(),
        type: 'governance.VoteCast',
        schemaVersion: 1,
        data: { proposalId, voterId, choice: position % 3 === 0 ? 'no' : 'yes' },
        meta: { actor: voterId, correlationId: voterId, causationId: voterId, occurredAt: new Date(Date.UTC(2026, 2, 1, 12, 0, 0, position % 1000)).toISOString() },
      };
      const encoded = encodeEvent(stream, event);
      return { position, event, encoded, entry: entryText(stream, position, event, encoded) };
    });
    await pool.query(
      `INSERT INTO event_store.events (position, id, stream, revision, type, schema_version, data, meta, entry)
       SELECT p, i, $3, p, 'governance.VoteCast', 1, d, m, convert_to(e, 'UTF8') FROM unnest($1::bigint[], $2::uuid[], $4::jsonb[], $5::jsonb[], $6::text[]) AS u(p, i, d, m, e)`,
      [rows.map((r) => r.position), rows.map((r) => r.event.id), stream, rows.map((r) => r.encoded.data), rows.map((r) => r.encoded.meta), rows.map((r) => r.entry)],
    );
  }
  await pool.query('UPDATE event_store.head SET next_position = $1', [count]);
}

/** `src/main.ts` in a child process, api role only, on a free port; resolves once it answers. */
async function startInstance(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ROLE: 'api', JWT_SECRET: 'bench-secret-of-sufficient-length-0123', DEMO_SEED: 'false', SERVE_WEB: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the instance exited with code ${child.exitCode}`);
    const live = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
    if (live) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the instance did not answer within 120 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const db = await openScratchDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 8 });
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-data-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    const client = await pool.connect();
    await migrate(client);
    client.release();
    console.error(`writing ${options.events} events ...`);
    await fill(pool, options.events);
    const store = new PostgresEventStore(pool, db.url);

    // Raw: SHA-256 of the same leaf bytes (0x00 || envelope), read and encoded outside the timing.
    // Two ways node can hash them; the faster is the limit: one-shot over the leaf's bytes, and a
    // streaming hash fed the prefix and the entry (the figure earlier runs were measured against).
    let oneShotNs = 0n;
    let streamingNs = 0n;
    let bytes = 0;
    const prefix = Buffer.from([0]);
    for (let at = 0; at < options.events; ) {
      const page = await store.readAll(at, 5000);
      const entries = page.map(envelopeBytes);
      const leaves = entries.map((entry) => Buffer.concat([prefix, entry]));
      const t0 = process.hrtime.bigint();
      for (const leaf of leaves) hash('sha256', leaf, 'buffer');
      const t1 = process.hrtime.bigint();
      for (const entry of entries) createHash('sha256').update(prefix).update(entry).digest();
      streamingNs += process.hrtime.bigint() - t1;
      oneShotNs += t1 - t0;
      for (const entry of entries) bytes += entry.length;
      at += page.length;
    }
    const streamingRate = options.events / (Number(streamingNs) / 1e9);
    const rawRate = Math.max(options.events / (Number(oneShotNs) / 1e9), streamingRate);

    // Integration: the runner and the integrator, as the ledger role runs them.
    const signer = NoteSigner.generate('bench.example/ledger');
    ledgerProjection.configure({ origin: 'bench.example/ledger', signer, entries: { kind: 'database', reader: pool } });
    console.error('integrating ...');
    const t0 = Date.now();
    // Time inside apply (hashing, tiles, bundles, signing, SQL) apart from reading the log.
    let applyMs = 0;
    const timed = Object.create(ledgerProjection) as typeof ledgerProjection;
    // And, of that, the time waiting for each kind of statement (named by its first words).
    const sqlMs = new Map<string, number>();
    timed.applyRange = async (from, to, tx) => {
      const a0 = performance.now();
      const measured = Object.create(tx) as typeof tx;
      measured.query = (async (...args: Parameters<typeof tx.query>) => {
        const q0 = performance.now();
        try {
          return await (tx.query as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
          const key = text.trim().split(/\s+/).slice(0, 4).join(' ');
          sqlMs.set(key, (sqlMs.get(key) ?? 0) + performance.now() - q0);
        }
      }) as typeof tx.query;
      await ledgerProjection.applyRange(from, to, measured);
      applyMs += performance.now() - a0;
    };
    const runner = new ProjectionRunner(db.url, store, timed, { ...ledgerRunnerOptions({ kind: 'database' }, options.batch), log: (m) => console.error(m) });
    runner.start();
    for (;;) {
      const cp = await latestCheckpoint(pool).catch(() => undefined);
      if (cp && cp.size >= options.events) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const integrateSeconds = (Date.now() - t0) / 1000;
    await runner.stop();
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger.checkpoints');

    // Audit: the auditor against the app's HTTP API (api role only), every event compared.
    let auditSeconds = Number.NaN;
    if (options.audit) {
      await catchUpDecisionLog(pool, db.url, store, options.events);
      // The instance in its own process, as an auditor meets it: the two do not share a thread.
      const instance = await startInstance({ DATABASE_URL: db.url, DATA_DIR: dataDir, LEDGER_KEY: signer.toString(), LEDGER_ORIGIN: 'bench.example/ledger' });
      try {
        console.error('auditing ...');
        const a0 = Date.now();
        const report = await audit({ url: instance.url, verifier: signer.verifier });
        auditSeconds = (Date.now() - a0) / 1000;
        if (report.size !== options.events) throw new Error(`audit saw ${report.size} events`);
      } finally {
        await instance.stop();
      }
    }
    await store.close();

    const result = {
      events: options.events,
      meanEntryBytes: Math.round(bytes / options.events),
      rawSha256PerSecond: Math.round(rawRate),
      rawSha256StreamingPerSecond: Math.round(streamingRate),
      integratedPerSecond: Math.round(options.events / integrateSeconds),
      integrationToRaw: Number((options.events / integrateSeconds / rawRate).toFixed(4)),
      applyShareOfIntegration: Number((applyMs / 1000 / integrateSeconds).toFixed(3)),
      applySecondsBySql: Object.fromEntries([...sqlMs].map(([k, ms]) => [k, Number((ms / 1000).toFixed(2))])),
      checkpointsSigned: Number(rows[0].n),
      auditedPerSecond: Number.isNaN(auditSeconds) ? null : Math.round(options.events / auditSeconds),
      auditToRaw: Number.isNaN(auditSeconds) ? null : Number((options.events / auditSeconds / rawRate).toFixed(4)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    };
    console.table(result);
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/ledger.json', JSON.stringify(result, null, 2) + '\n');
  } finally {
    clearInterval(sampler);
    await pool.end();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
