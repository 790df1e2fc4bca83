import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { PG_POOL } from '../../database/database.providers.js';
import { ANALYTICS_VIEWS, analyticsViewDdl } from './analytics-views.js';

/** Serialises installs across processes that start together (key: "analytics views"). */
const INSTALL_LOCK = 7_240_010;

/** (Re)creates every analyst view, in one transaction, so a reader never sees some views missing. */
export async function installAnalyticsViews(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
    // The tables may not exist yet (a fresh instance) or be mid-swap: bodies are checked when they run.
    await client.query('SET LOCAL check_function_bodies = off');
    await client.query('CREATE SCHEMA IF NOT EXISTS analytics');
    for (const view of ANALYTICS_VIEWS) await client.query(analyticsViewDdl(view));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Every process brings the views to its own definitions on start; they do not depend on the tables existing yet. */
@Injectable()
export class AnalyticsInstaller implements OnApplicationBootstrap {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await installAnalyticsViews(client);
    } finally {
      client.release();
    }
  }
}
