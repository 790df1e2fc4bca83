import { v7 as uuidv7 } from 'uuid';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db.drop(); });

it('appends and reads', async () => {
  const store = new PostgresEventStore(db.pool, db.url);
  const meta = { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: new Date(0).toISOString() };
  const r = await store.append('s-1', [{ id: uuidv7(), type: 't.A', schemaVersion: 1, data: { a: 1 }, meta }], 'noStream');
  expect(r).toEqual({ nextRevision: 0, positions: [0] });
  const all = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(`s-${i % 5}`, [{ id: uuidv7(), type: 't.A', schemaVersion: 1, data: { i }, meta }], 'any')));
  expect(all.length).toBe(50);
  expect((await store.readAll(0, 100)).length).toBe(51);
  await store.close();
});
