import { jest } from '@jest/globals';
import request from 'supertest';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { pauseProjection, resumeProjection } from '../../src/projections/checkpoints.js';
import { PROBLEM_JSON, settle } from '../api/api-helpers.js';
import { registerMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { metric, parseMetrics, until, type Sample } from './support.js';

jest.setTimeout(40_000);

/**
 * /metrics and /health against the real app and PostgreSQL (issue 6): the projection gauges
 * follow the log, the event store and HTTP are measured, and readiness turns 503 when a
 * projection fails or falls too far behind, and back to 200 when it is resumed.
 */

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
const members = ALL_PROJECTIONS.find((p) => p.name === 'members')!;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ READY_MAX_LAG_EVENTS: '3' });
});
afterAll(async () => {
  await t?.close();
});

async function scrape(): Promise<Sample[]> {
  const response = await request(t.server).get('/metrics').expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(response.text);
}

async function eventCount(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  return Number(rows[0]!.n);
}

it('exposes projection position, head, lag and state, the append count, event store latency and HTTP durations by route', async () => {
  await registerMember(t, 'metrics-one');
  await registerMember(t, 'metrics-two');
  await settle(t);
  const head = await eventCount();
  expect(head).toBeGreaterThanOrEqual(4);

  const samples = await scrape();
  expect(metric(samples, 'civic_event_store_head_position')).toBe(head);
  for (const name of NAMES) {
    expect(metric(samples, 'civic_projection_position', { projection: name })).toBe(head);
    expect(metric(samples, 'civic_projection_lag_events', { projection: name })).toBe(0);
    expect(metric(samples, 'civic_projection_lag_seconds', { projection: name })).toBe(0);
    expect(metric(samples, 'civic_projection_state', { projection: name, state: 'running' })).toBe(1);
    expect(metric(samples, 'civic_projection_state', { projection: name, state: 'failed' })).toBe(0);
    expect(metric(samples, 'civic_projection_runner_state', { projection: name, state: 'running' })).toBe(1);
    expect(metric(samples, 'civic_projection_runner_state', { projection: name, state: 'standby' })).toBe(0);
  }
  // Every event of this fresh log was appended by this process, through the measured store.
  expect(metric(samples, 'civic_events_appended_total')).toBe(head);
  expect(metric(samples, 'civic_event_store_operation_duration_seconds_count', { operation: 'append', outcome: 'ok' })).toBeGreaterThanOrEqual(4);
  expect(metric(samples, 'civic_event_store_operation_duration_seconds_count', { operation: 'headPosition', outcome: 'ok' })).toBeGreaterThan(0);
  // HTTP by matched route and status: two registrations, two logins.
  expect(metric(samples, 'civic_http_request_duration_seconds_count', { method: 'POST', route: '/api/members', status: '201' })).toBe(2);
  expect(metric(samples, 'civic_http_request_duration_seconds_count', { method: 'POST', route: '/api/auth/login', status: '200' })).toBe(2);
  expect(samples.some((s) => s.name === 'civic_process_cpu_seconds_total')).toBe(true);

  // Unmatched paths share one label value instead of one per path.
  await request(t.server).get('/api/no-such-thing-1').expect(404);
  await request(t.server).get('/api/no-such-thing-2').expect(404);
  const after = await scrape();
  const notFound = after.filter((s) => s.name === 'civic_http_request_duration_seconds_count' && s.labels.status === '404');
  expect(notFound).toHaveLength(1);
  expect(notFound[0]!.value).toBe(2);
  expect(notFound[0]!.labels.route).not.toContain('no-such-thing');
});

it('returns the correlation id given, or a new one, in X-Correlation-Id', async () => {
  const given = await request(t.server).get('/health/live').set('X-Correlation-Id', 'ops-check-42').expect(200);
  expect(given.headers['x-correlation-id']).toBe('ops-check-42');
  const fresh = await request(t.server).get('/health/live').expect(200);
  expect(fresh.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  const bad = await request(t.server).get('/health/live').set('X-Correlation-Id', 'no spaces <allowed>').expect(200);
  expect(bad.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
});

it('readiness turns 503 when a projection lags more than READY_MAX_LAG_EVENTS, and 200 once it has caught up', async () => {
  await request(t.server).get('/health').expect(200);
  await request(t.server).get('/health/live').expect(200);
  await pauseProjection(t.db.pool, members);
  await until('the members runner to be paused', async () => {
    const { body } = await request(t.server).get('/api/projections').expect(200);
    return (body.items as { name: string; local: string }[]).find((p) => p.name === 'members')?.local === 'paused';
  });
  const before = await eventCount();
  await registerMember(t, 'lagging-one');
  await registerMember(t, 'lagging-two');
  const head = await eventCount();
  expect(head - before).toBeGreaterThan(3);

  // The paused projection stays where it was; the others go on.
  const samples = await scrape();
  expect(metric(samples, 'civic_projection_position', { projection: 'members' })).toBe(before);
  expect(metric(samples, 'civic_projection_lag_events', { projection: 'members' })).toBe(head - before);
  expect(metric(samples, 'civic_projection_lag_seconds', { projection: 'members' })).toBeGreaterThanOrEqual(0);
  expect(metric(samples, 'civic_projection_state', { projection: 'members', state: 'paused' })).toBe(1);
  expect(metric(samples, 'civic_projection_state', { projection: 'members', state: 'running' })).toBe(0);
  expect(metric(samples, 'civic_projection_runner_state', { projection: 'members', state: 'paused' })).toBe(1);

  const notReady = await request(t.server).get('/health').expect(503);
  expect(notReady.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(notReady.body.detail).toContain('READY_MAX_LAG_EVENTS (3)');
  expect(notReady.body.detail).toContain(`members ${head - before} events behind`);
  await request(t.server).get('/health/live').expect(200);

  await resumeProjection(t.db.pool, members);
  await settle(t);
  await request(t.server).get('/health').expect(200);
  expect(metric(await scrape(), 'civic_projection_state', { projection: 'members', state: 'running' })).toBe(1);
});

it('a poison event fails one projection (503, visible in /metrics), the others go on, and resume after the fix completes it', async () => {
  // A constraint the next registration breaks stands in for a bug in the projection.
  await t.db.pool.query(`ALTER TABLE read_models.members ADD CONSTRAINT members_refuse_poison CHECK (handle <> 'poison-pill') NOT VALID`);
  await registerMember(t, 'poison-pill');
  const head = await eventCount();

  const failed = await until('members to fail', async () => {
    const { body } = await request(t.server).get('/api/projections').expect(200);
    const item = (body.items as { name: string; status: string; state: string; position: number; error: string | null }[]).find((p) => p.name === 'members');
    return item?.state === 'failed' ? item : undefined;
  });
  expect(failed.error).toContain('members_refuse_poison');
  // It stopped at the poison event itself (the registration), everything before it applied.
  expect(failed.position).toBeLessThan(head);
  const { rows: poison } = await t.db.pool.query<{ type: string; data: { handle?: string } }>('SELECT type, data FROM event_store.events WHERE position = $1', [failed.position]);
  expect(poison[0]!.data.handle).toBe('poison-pill');

  // The others go on to the head.
  await until('the other projections to reach the head', async () => {
    const { body } = await request(t.server).get('/api/projections').expect(200);
    return (body.items as { name: string; position: number }[]).filter((p) => p.name !== 'members').every((p) => p.position === head);
  });
  const samples = await scrape();
  expect(metric(samples, 'civic_projection_state', { projection: 'members', state: 'failed' })).toBe(1);
  expect(metric(samples, 'civic_projection_position', { projection: 'members' })).toBe(failed.position);
  expect(metric(samples, 'civic_projection_state', { projection: 'proposals', state: 'running' })).toBe(1);

  const notReady = await request(t.server).get('/health').expect(503);
  expect(notReady.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(notReady.body.detail).toContain('projection failed: members');

  // It stays failed: it does not retry by itself.
  await new Promise((r) => setTimeout(r, 1500));
  await request(t.server).get('/health').expect(503);

  await t.db.pool.query('ALTER TABLE read_models.members DROP CONSTRAINT members_refuse_poison');
  await resumeProjection(t.db.pool, members);
  await settle(t);
  await request(t.server).get('/health').expect(200);
  const { rows } = await t.db.pool.query<{ handle: string }>(`SELECT handle FROM read_models.members WHERE handle = 'poison-pill'`);
  expect(rows).toHaveLength(1);
});
