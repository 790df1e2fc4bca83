import { jest } from '@jest/globals';
import type pg from 'pg';
import request from 'supertest';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { REBUILD_LOCK_NAMESPACE } from '../../src/projections/checkpoints.js';
import { settle } from '../api/api-helpers.js';
import { registerMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { civic, expectNoStackTrace, tempDir } from './support/civic.js';

jest.setTimeout(40_000);

/**
 * Operator control from the CLI (issue 6) against the running app: list, status with lag and
 * state, pause and resume, a poison event that fails one projection until resumed after a fix,
 * and a rebuild refused while another rebuild of the same projection runs.
 */

interface StatusItem {
  name: string;
  version: number;
  position: number;
  head: number;
  lag: number;
  lagSeconds: number;
  status: string;
  state: string;
  error: string | null;
}

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
let t: TestApp;
let env: { DATABASE_URL: string; DATA_DIR: string };

beforeAll(async () => {
  t = await startTestApp();
  env = { DATABASE_URL: t.db.url, DATA_DIR: tempDir() };
  await registerMember(t, 'ops-first');
  await settle(t);
});
afterAll(async () => {
  await t?.close();
});

async function status(): Promise<StatusItem[]> {
  const run = await civic(['projections', 'status', '--json'], env);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return (JSON.parse(run.stdout) as { items: StatusItem[] }).items;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The same rows from the app's API: cheaper to poll than a CLI process. */
async function apiStatus(): Promise<StatusItem[]> {
  const { body } = await request(t.server).get('/api/projections').expect(200);
  return body.items as StatusItem[];
}

async function local(name: string): Promise<string | undefined> {
  const { body } = await request(t.server).get('/api/projections').expect(200);
  return (body.items as { name: string; local: string }[]).find((p) => p.name === name)?.local;
}

async function head(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  return Number(rows[0]!.n);
}

it('lists the projections, shows their status with lag and state, and refuses unknown names with exit 2', async () => {
  const [listJson, text, pause, resume] = await Promise.all([
    civic(['projections', 'list', '--json'], env),
    civic(['projections', 'status'], env),
    civic(['projections', 'pause', 'nope'], env),
    civic(['projections', 'resume', 'nope'], env),
  ]);
  expect(listJson).toMatchObject({ code: 0, stderr: '' });
  const listed = (JSON.parse(listJson.stdout) as { items: { name: string; version: number; handles: string[]; tables: string[] }[] }).items;
  expect(listed.map((i) => i.name)).toEqual(NAMES);
  expect(listed.find((i) => i.name === 'members')!.tables).toContain('read_models.members');
  expect(text).toMatchObject({ code: 0, stderr: '' });
  for (const word of ['version', 'position', 'head', 'lag', 'lag s', 'state', 'running', ...NAMES]) expect(text.stdout).toContain(word);
  const h = await head();
  const items = await apiStatus();
  expect(items.map((i) => [i.name, i.position, i.head, i.lag, i.lagSeconds, i.status, i.state])).toEqual(NAMES.map((n) => [n, h, h, 0, 0, 'running', 'running']));
  for (const run of [pause, resume]) {
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `civic: unknown projection "nope"; known: ${NAMES.join(', ')}\n` });
    expectNoStackTrace(run);
  }
});

it('pause stops a projection in the running app; the others go on; resume carries on from where it stopped', async () => {
  const paused = await civic(['projections', 'pause', 'proposals'], env);
  expect(paused).toMatchObject({ code: 0, stderr: '' });
  expect(paused.stdout).toMatch(/^paused proposals at position \d+/);
  await until('the app runner to pause', async () => (await local('proposals')) === 'paused');
  const before = await head();
  await registerMember(t, 'ops-while-paused');
  const after = await head();
  await until('the running projections to reach the head', async () => (await apiStatus()).filter((i) => i.name !== 'proposals').every((i) => i.position === after));

  await new Promise((r) => setTimeout(r, 300));
  const items = await status();
  expect(items.find((i) => i.name === 'proposals')).toMatchObject({ position: before, lag: after - before, status: 'paused', state: 'paused' });
  expect(items.find((i) => i.name === 'proposals')!.lagSeconds).toBeGreaterThanOrEqual(0);
  expect(items.find((i) => i.name === 'members')).toMatchObject({ position: after, lag: 0, state: 'running' });

  const resumed = await civic(['projections', 'resume', 'proposals', '--json'], env);
  expect(resumed).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(resumed.stdout)).toEqual({ name: 'proposals', status: 'running', position: before, was: 'paused' });
  await until('proposals to catch up', async () => (await apiStatus()).every((i) => i.position === after && i.state === 'running'));
  const idle = await civic(['projections', 'resume', 'proposals'], env);
  expect(idle).toMatchObject({ code: 0 });
  expect(idle.stdout).toContain('nothing to resume');
});

it('a poison event fails only its projection, shown with the error in status; resume after the fix completes it', async () => {
  await t.db.pool.query(`ALTER TABLE read_models.members ADD CONSTRAINT members_refuse_poison CHECK (handle <> 'ops-poison') NOT VALID`);
  await registerMember(t, 'ops-poison');
  await registerMember(t, 'ops-after-poison');
  const h = await head();
  const failed = await until('members to fail', async () => (await apiStatus()).find((i) => i.name === 'members' && i.state === 'failed'));
  expect(failed.error).toContain('members_refuse_poison');
  expect(failed.error).toContain(`batch from position ${failed.position}`);
  const { rows } = await t.db.pool.query<{ data: { handle?: string } }>('SELECT data FROM event_store.events WHERE position = $1', [failed.position]);
  expect(rows[0]!.data.handle).toBe('ops-poison');
  await until('the others to reach the head', async () => (await apiStatus()).filter((i) => i.name !== 'members').every((i) => i.position === h && i.state === 'running'));
  // Pausing a failed projection is refused: it is resumed after a fix.
  const [text, pause] = await Promise.all([civic(['projections', 'status'], env), civic(['projections', 'pause', 'members'], env)]);
  expect(text.stdout).toMatch(/members .* failed .*members_refuse_poison/);
  expect(pause).toMatchObject({ code: 1 });
  expect(pause.stderr).toContain('has failed');

  await t.db.pool.query('ALTER TABLE read_models.members DROP CONSTRAINT members_refuse_poison');
  const resumed = await civic(['projections', 'resume', 'members'], env);
  expect(resumed).toMatchObject({ code: 0, stderr: '' });
  expect(resumed.stdout).toContain(`retrying from position ${failed.position}`);
  await until('members to complete', async () => (await apiStatus()).every((i) => i.position === h && i.state === 'running'));
  const handles = await t.db.pool.query<{ handle: string }>(`SELECT handle FROM read_models.members WHERE handle LIKE 'ops-%' ORDER BY handle`);
  expect(handles.rows.map((r) => r.handle)).toEqual(['ops-after-poison', 'ops-first', 'ops-poison', 'ops-while-paused']);
});

it('refuses a rebuild while another rebuild of the same projection holds its lock, and shows it as rebuilding', async () => {
  const holder: pg.PoolClient = await t.db.pool.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [REBUILD_LOCK_NAMESPACE, 'decision-log']);
    const [refused, items] = await Promise.all([civic(['projections', 'rebuild', 'decision-log'], env), status()]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('a rebuild of decision-log is already running');
    expectNoStackTrace(refused);
    expect(items.find((i) => i.name === 'decision-log')!.state).toBe('rebuilding');
    expect(items.find((i) => i.name === 'members')!.state).toBe('running');
  } finally {
    await holder.query('SELECT pg_advisory_unlock_all()');
    holder.release();
  }
  const h = await head();
  const rebuilt = await civic(['projections', 'rebuild', 'decision-log', '--json'], env);
  expect(rebuilt).toMatchObject({ code: 0 });
  expect(JSON.parse(rebuilt.stdout)).toMatchObject({ name: 'decision-log', head: h });
});
