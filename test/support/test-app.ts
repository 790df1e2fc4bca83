import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { ManualClock } from './manual-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  /** The HTTP server, for supertest: request(t.server). */
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  config: AppConfig;
  db: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The whole application on its own fresh database, with every role, a manual clock and no web app. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'civic-test-data-')),
    JWT_SECRET: 'test-secret-of-sufficient-length-0123456789',
    DEMO_SEED: 'false',
    SERVE_WEB: 'false',
    CLOSER_INTERVAL_MS: '100',
    ...env,
  });
  const clock = new ManualClock();
  const app = await createApp(config, { logger: false, clock });
  await app.init();
  return {
    app,
    server: app.getHttpServer(),
    config,
    db,
    clock,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
