import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { CLOCK, type Clock } from '../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { projectionStatuses, type ProjectionStatusRow } from './checkpoints.js';
import { ALL_PROJECTIONS } from './all-projections.js';
import { ProjectionRunner } from './projection-runner.js';
import { waitForProjections } from './projection-waiter.js';

export interface ProjectionStatus extends ProjectionStatusRow {
  /** What this process's runner is doing for it: running, standby, paused, failed, or not-here. */
  local: string;
}

/** Runs every projection in the projector role; answers status and read-your-writes waits. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('projector')) return;
    for (const projection of ALL_PROJECTIONS) {
      const runner = new ProjectionRunner(this.database.url, this.store, projection, { log: (m) => this.logger.warn(m) });
      runner.start();
      this.runners.push(runner);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  /** Waits until the named projections have applied `position`; false when the bound ran out. */
  waitFor(names: readonly string[], position: number): Promise<boolean> {
    return waitForProjections(this.pool, names, position, this.config.readWaitMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    const rows = await projectionStatuses(this.pool, this.store, ALL_PROJECTIONS, this.clock.now());
    return rows.map((row) => {
      const runner = this.runners.find((r) => r.projection.name === row.name);
      return { ...row, local: runner?.status.kind ?? 'not-here' };
    });
  }
}
