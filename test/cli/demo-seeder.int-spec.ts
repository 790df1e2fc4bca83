import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_MEMBERS } from '../../src/demo/demo-seed.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { tempDir } from './support/civic.js';

jest.setTimeout(60_000);

const databases: TestDatabase[] = [];
const apps: NestExpressApplication[] = [];

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(databases.map((d) => d.drop()));
});

async function start(db: TestDatabase, env: Record<string, string> = {}): Promise<NestExpressApplication> {
  const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: tempDir('civic-seeder-'), JWT_SECRET: 'test-secret-of-sufficient-length-0123456789', SERVE_WEB: 'false', ...env });
  const app = await createApp(config, { logger: false });
  apps.push(app);
  await app.init();
  return app;
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  return Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);
}

it('loads the demo community on the first start of the app, once, even when two instances start together on one database', async () => {
  const db = await createTestDatabase();
  databases.push(db);
  // Two app instances with every role (DEMO_SEED defaults to true), each with its own pools and
  // connections as two processes would have: they race for the empty log and its advisory lock.
  const [first, second] = await Promise.all([start(db), start(db)]);

  // Seeding happens during start-up: when init returns, the demo is on the log, exactly once.
  const store = first.get<EventStore>(EVENT_STORE);
  const registered = await store.readAll(0, 1000, { types: ['members.MemberRegistered'] });
  expect(registered).toHaveLength(DEMO_MEMBERS.length);
  expect(await count(db, 'SELECT count(*) AS n FROM identity.accounts')).toBe(DEMO_MEMBERS.length);
  const closed = await store.readAll(0, 1000, { types: ['governance.ProposalClosed'] });
  expect(closed.map((e) => (e.data as { result: string }).result)).toEqual(['passed', 'rejected', 'no-quorum', 'passed', 'passed', 'passed']);

  // The demo logins work, and the read models serve the demo (the app's own projectors).
  const head = await store.headPosition();
  const login = await request(second.getHttpServer()).post('/api/auth/login').send({ email: 'asha@demo.civic', password: 'demo-password-1' }).expect(200);
  expect(login.body.accessToken).toEqual(expect.any(String));
  const log = await request(second.getHttpServer()).get(`/api/decision-log?atPosition=${head - 1}`).expect(200);
  expect(log.body.items.map((i: { result: string }) => i.result)).toEqual(['passed', 'passed', 'passed', 'no-quorum', 'rejected', 'passed']);
  const open = await request(first.getHttpServer()).get(`/api/proposals?status=open&atPosition=${head - 1}`).expect(200);
  expect(open.body.items).toHaveLength(2);

  // A restart on a log that is not empty seeds nothing.
  await start(db, { ROLE: 'api' });
  expect(await store.headPosition()).toBe(head);
});

it('does not seed with DEMO_SEED=false', async () => {
  const db = await createTestDatabase();
  databases.push(db);
  const app = await start(db, { DEMO_SEED: 'false' });
  expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(0);
});
