/**
 * Blue-green rebuild throughput (ADR 0014): a corpus of 1,000,000 events (mostly votes over
 * thousands of proposals by tens of thousands of members, with registrations, keys,
 * verifications, drafts, openings and comments mixed in) is written straight into the event store
 * tables, then every projection is rebuilt with `rebuildBlueGreen`, as `civic projections rebuild
 * --all` does. Beside it, in the same run, the raw limits: a sequential read of the whole log
 * through the store at the same batch size, and multi-row INSERTs of as many rows into a bare table.
 *
 *   npm run bench -- rebuild [--events=1000000] [--members=30000] [--proposals=3000] [--batch=40000] [--only=name,name]
 *
 * Memory (RSS) is sampled at 250k, 500k and 1M events of each projection's rebuild; flat figures
 * mean memory does not grow with the log. Prints a table and writes .bench/rebuild.json. No
 * assertions on timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { migrate } from '../src/database/migrations.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../src/projections/all-projections.js';
import { REBUILD_BATCH_SIZE, rebuildBlueGreen } from '../src/projections/blue-green.js';
import { writeCorpus } from './support/corpus.js';
import { openScratchDatabase } from './support/scratch-database.js';

export const description = 'blue-green rebuild of every projection over a 1M-event corpus, beside the raw read and INSERT limits';

interface Options {
  events: number;
  members: number;
  proposals: number;
  batch: number;
  only: string[] | undefined;
}

function parseOptions(args: string[]): Options {
  const options: Options = { events: 1_000_000, members: 30_000, proposals: 3000, batch: REBUILD_BATCH_SIZE, only: undefined };
  for (const arg of args) {
    const only = /^--only=([\w,-]+)$/.exec(arg);
    if (only) {
      options.only = only[1]!.split(',');
      continue;
    }
    const match = /^--(events|members|proposals|batch)=(\d+)$/.exec(arg);
    if (!match) throw new Error(`unknown option ${arg} (options: --events=N --members=N --proposals=N --batch=N --only=a,b)`);
    options[match[1] as 'events' | 'members' | 'proposals' | 'batch'] = Number(match[2]);
  }
  return options;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const rssMb = () => mb(process.memoryUsage().rss);
/** Peak RSS of this process so far (resourceUsage reports kilobytes). */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function sequentialRead(store: PostgresEventStore, total: number, batch: number): Promise<{ seconds: number; perSecond: number }> {
  const started = performance.now();
  let read = 0;
  for (let from = 0; from < total; ) {
    const events = await store.readAll(from, batch);
    if (events.length === 0) break;
    read += events.length;
    from = events[events.length - 1]!.position + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: Math.round(read / seconds) };
}

/** Rows the width of a vote row (two uuids, a text, a bigint), one multi-row INSERT and one commit per batch. */
async function bareInserts(pool: pg.Pool, total: number, batch: number): Promise<{ seconds: number; perSecond: number }> {
  await pool.query('CREATE TABLE bench_bare_insert (proposal_id uuid NOT NULL, voter_id uuid NOT NULL, choice text NOT NULL, position bigint NOT NULL, PRIMARY KEY (proposal_id, voter_id))');
  const started = performance.now();
  const a = '00000000-0000-4000-8000-';
  for (let start = 0; start < total; start += batch) {
    const n = Math.min(batch, total - start);
    const proposals: string[] = [];
    const voters: string[] = [];
    const choices: string[] = [];
    const positions: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = start + i;
      proposals.push(`${a}${(k % 3000).toString(16).padStart(12, '0')}`);
      voters.push(`${a}${k.toString(16).padStart(12, '0')}`);
      choices.push(k % 3 === 0 ? 'yes' : k % 3 === 1 ? 'no' : 'abstain');
      positions.push(k);
    }
    await pool.query('INSERT INTO bench_bare_insert SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[])', [proposals, voters, choices, positions]);
  }
  const seconds = (performance.now() - started) / 1000;
  await pool.query('DROP TABLE bench_bare_insert');
  return { seconds, perSecond: Math.round(total / seconds) };
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const projections = options.only ? ALL_PROJECTIONS.filter((p) => options.only!.includes(p.name)) : ALL_PROJECTIONS;
  const db = await openScratchDatabase();
  console.error(`rebuild bench on ${db.where}: ${options.events} events, ${options.members} members, ${options.proposals} proposals, batch ${options.batch}`);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const store = new PostgresEventStore(pool, db.url);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    let started = performance.now();
    const written = await writeCorpus(pool, { events: options.events, members: options.members, proposals: options.proposals }, (n) => {
      if (n % 100_000 === 0) console.error(`  corpus: ${n} events written`);
    });
    const corpusSeconds = (performance.now() - started) / 1000;
    const { rows: types } = await pool.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM event_store.events GROUP BY type ORDER BY 2 DESC');
    await pool.query('VACUUM ANALYZE event_store.events');
    console.error(`  corpus written in ${corpusSeconds.toFixed(1)} s: ${types.map((t) => `${t.type} ${t.n}`).join(', ')}`);

    const read = await sequentialRead(store, written, options.batch);
    console.error(`  raw sequential read: ${read.perSecond} events/s`);
    const insert = await bareInserts(pool, written, options.batch);
    console.error(`  raw multi-row INSERT: ${insert.perSecond} rows/s`);

    const results: { name: string; handled: number; seconds: number; logPerSecond: number; appliedPerSecond: number; rssMb: Record<string, number> }[] = [];
    const handledOf = new Map(types.map((t) => [t.type, Number(t.n)]));
    started = performance.now();
    for (const projection of projections) {
      const marks = [250_000, 500_000, 1_000_000].filter((m) => m <= written);
      const rss: Record<string, number> = {};
      const result = await rebuildBlueGreen(db.url, store, projection, {
        batchSize: options.batch,
        onProgress: ({ position }) => {
          while (marks.length > 0 && position >= marks[0]!) rss[`${marks.shift()! / 1000}k`] = rssMb();
        },
      });
      const handled = projection.handles.reduce((sum, type) => sum + (handledOf.get(type) ?? 0), 0);
      results.push({
        name: projection.name,
        handled,
        seconds: Math.round(result.seconds * 100) / 100,
        logPerSecond: Math.round(result.events / result.seconds),
        appliedPerSecond: Math.round(handled / result.seconds),
        rssMb: rss,
      });
      console.error(`  ${projection.name}: ${result.seconds.toFixed(1)} s, ${Math.round(result.events / result.seconds)} log events/s (${handled} applied), RSS ${JSON.stringify(rss)} MB`);
    }
    const allSeconds = (performance.now() - started) / 1000;
    const summary = {
      events: written,
      batch: options.batch,
      corpusSeconds: Math.round(corpusSeconds * 10) / 10,
      rawSequentialReadPerSecond: read.perSecond,
      rawMultiRowInsertPerSecond: insert.perSecond,
      projections: results,
      allProjections: { seconds: Math.round(allSeconds * 10) / 10, logEventsPerSecondPerProjection: Math.round((written * results.length) / allSeconds) },
      peakRssMb: peakMb(),
    };
    console.log(
      [
        `events ${written}, batch ${options.batch}`,
        `raw sequential read     ${read.perSecond} events/s`,
        `raw multi-row INSERT    ${insert.perSecond} rows/s`,
        ...results.map((r) => `rebuild ${r.name.padEnd(20)} ${String(r.logPerSecond).padStart(9)} log events/s ${String(r.appliedPerSecond).padStart(8)} applied/s  ${r.seconds} s  RSS ${Object.entries(r.rssMb).map(([k, v]) => `${k}:${v}MB`).join(' ')}`),
        `all ${results.length} projections     ${allSeconds.toFixed(1)} s (${summary.allProjections.logEventsPerSecondPerProjection} log events/s per projection)`,
        `peak RSS                ${summary.peakRssMb} MB`,
      ].join('\n'),
    );
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/rebuild.json', `${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await store.close();
    await pool.end();
    await db.close();
  }
}
