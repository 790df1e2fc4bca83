import { jest } from '@jest/globals';
import request from 'supertest';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { settle } from '../api/api-helpers.js';
import { registerMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { civic, expectNoStackTrace, tempDir } from './support/civic.js';

jest.setTimeout(90_000);

/**
 * `civic projections rebuild` against the running app (issue 6, ADR 14): usage errors, a
 * blue-green rebuild of every projection with machine output, and the human output.
 */

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
let t: TestApp;
let env: { DATABASE_URL: string; DATA_DIR: string };

beforeAll(async () => {
  t = await startTestApp();
  env = { DATABASE_URL: t.db.url, DATA_DIR: tempDir() };
  await registerMember(t, 'rebuild-first');
  await registerMember(t, 'rebuild-second');
  await settle(t);
});
afterAll(async () => {
  await t?.close();
});

async function head(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  return Number(rows[0]!.n);
}

it('refuses a missing or unknown name, both a name and --all, and a bad batch size, with exit 2 and no stack trace', async () => {
  const runs = await Promise.all([
    civic(['projections', 'rebuild'], env),
    civic(['projections', 'rebuild', 'nope'], env),
    civic(['projections', 'rebuild', 'members', '--all'], env),
    civic(['projections', 'rebuild', 'members', '--batch-size', '0'], env),
  ]);
  for (const run of runs) {
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expectNoStackTrace(run);
  }
  expect(runs[0]!.stderr).toContain('give a projection name');
  expect(runs[1]!.stderr).toContain('unknown projection "nope"');
  expect(runs[2]!.stderr).toContain('not both');
  expect(runs[3]!.stderr).toContain('--batch-size');
});

it('rebuilds every projection blue-green with --all --json; the rows are the same and the app keeps following the log', async () => {
  const tables = ALL_PROJECTIONS.flatMap((p) => p.tables.map((table) => `read_models.${table}`));
  const snapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const table of tables) out[table] = (await t.db.pool.query<{ r: string }>(`SELECT to_jsonb(x)::text AS r FROM ${table} x`)).rows.map((r) => r.r).sort();
    return out;
  };
  const before = await snapshot();
  const h = await head();
  const run = await civic(['projections', 'rebuild', '--all', '--json', '--batch-size', '7'], env);
  expect(run).toMatchObject({ code: 0 });
  const items = (JSON.parse(run.stdout) as { items: { name: string; version: number; position: number; head: number; resumedFrom: number; events: number }[] }).items;
  expect(items.map((i) => i.name)).toEqual(NAMES);
  for (const item of items) {
    expect(item).toMatchObject({ head: h, position: h, resumedFrom: 0, events: h, version: ALL_PROJECTIONS.find((p) => p.name === item.name)!.version });
  }
  expect(await snapshot()).toEqual(before);
  const { rows } = await t.db.pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'read_models_rebuild_%'`);
  expect(rows).toEqual([]);

  // The app's runners go on from the swapped-in checkpoints.
  await registerMember(t, 'rebuild-after');
  await settle(t);
  const { body } = await request(t.server).get('/api/projections').expect(200);
  const after = await head();
  expect((body.items as { name: string; position: number; state: string }[]).filter((i) => NAMES.includes(i.name)).map((i) => [i.name, i.position, i.state])).toEqual(
    NAMES.map((n) => [n, after, 'running']),
  );
});

it('prints what it rebuilt, how fast and where it swapped in', async () => {
  const run = await civic(['projections', 'rebuild', 'members'], env);
  expect(run).toMatchObject({ code: 0 });
  const h = await head();
  expect(run.stdout).toMatch(new RegExp(`^rebuilt members v\\d+: ${h} events in [\\d.]+ s \\(\\d+ ev/s\\), swapped in at position ${h}\\n$`));
});
