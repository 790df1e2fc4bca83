import { lockedProjections, REBUILD_LOCK_NAMESPACE, RUNNER_LOCK_NAMESPACE } from '../../src/projections/checkpoints.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Two instances on one PostgreSQL server (two databases) must not see each other's runners or rebuilds. */
let one: TestDatabase;
let other: TestDatabase;
beforeAll(async () => {
  [one, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([one?.drop(), other?.drop()]);
});

it("shows a projection's lock as held in its own database only", async () => {
  const holder = await one.pool.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [REBUILD_LOCK_NAMESPACE, 'members']);
    expect(await lockedProjections(one.pool, REBUILD_LOCK_NAMESPACE, ['members', 'proposals'])).toEqual(new Set(['members']));
    expect(await lockedProjections(one.pool, RUNNER_LOCK_NAMESPACE, ['members', 'proposals'])).toEqual(new Set());
    expect(await lockedProjections(other.pool, REBUILD_LOCK_NAMESPACE, ['members', 'proposals'])).toEqual(new Set());
  } finally {
    await holder.query('SELECT pg_advisory_unlock_all()');
    holder.release();
  }
  expect(await lockedProjections(one.pool, REBUILD_LOCK_NAMESPACE, ['members'])).toEqual(new Set());
});
