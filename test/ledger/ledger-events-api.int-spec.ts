import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { community } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'civic.test/ledger' });
});
afterAll(async () => {
  await t.close();
});

it('serves the events by ledger index exactly as the event store reads them, acts included, at most 1,000 at once', async () => {
  await community(t, 3);
  const store = t.app.get<EventStore>(EVENT_STORE);
  // Stored acts that are JSON null or false are left out of the envelope, as the store reads them.
  const meta = { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: '2030-01-01T00:00:00.000Z' };
  await store.append(`odd-${randomUUID()}`, [{ id: randomUUID(), type: 'test.Odd', schemaVersion: 1, data: { text: 'quote " backslash \\ line\n é 😀', n: [1.5, -0, 1e21] }, meta }], 'any');
  const { rows } = await t.db.pool.query<{ position: string }>(
    `UPDATE event_store.events SET act = 'null'::jsonb WHERE position = (SELECT max(position) FROM event_store.events) RETURNING position`,
  );
  const head = Number(rows[0]!.position) + 1;
  expect(head).toBeGreaterThan(3);

  const served = await request(t.server).get(`/api/ledger/events?from=0&limit=${head}`).expect(200).expect('Content-Type', /application\/json/);
  const stored = await store.readAll(0, head);
  expect(stored.some((e) => e.act !== undefined)).toBe(true);
  expect(served.body).toEqual({ items: stored });
  expect(JSON.stringify(served.body.items)).toBe(JSON.stringify(stored));

  const page = await request(t.server).get('/api/ledger/events?from=2&limit=2').expect(200);
  expect(page.body).toEqual({ items: await store.readAll(2, 2) });
  expect((await request(t.server).get(`/api/ledger/events?from=${head}`).expect(200)).body).toEqual({ items: [] });
  expect((await request(t.server).get('/api/ledger/events?from=0&limit=5000').expect(200)).body.items).toHaveLength(Math.min(head, 1000));
  await request(t.server).get('/api/ledger/events?from=-1').expect(400);
  await request(t.server).get('/api/ledger/events?limit=x').expect(400);
});
