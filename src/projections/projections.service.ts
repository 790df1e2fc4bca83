import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { readCheckpoints } from './checkpoints.js';
import { ALL_PROJECTIONS } from './all-projections.js';
import { ProjectionRunner } from './projection-runner.js';
import { waitForProjections } from './projection-waiter.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Next position it will read; everything below is applied. */
  position: number;
  head: number;
  lag: number;
  status: string;
  error: string | null;
  /** What this process is doing for it: running, standby, failed, or not-here. */
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
    const [checkpoints, head] = await Promise.all([readCheckpoints(this.pool), this.store.headPosition()]);
    const byName = new Map(checkpoints.map((c) => [c.name, c]));
    return ALL_PROJECTIONS.map((projection) => {
      const checkpoint = byName.get(projection.name);
      const runner = this.runners.find((r) => r.projection.name === projection.name);
      const position = checkpoint?.position ?? 0;
      return {
        name: projection.name,
        version: projection.version,
        position,
        head,
        lag: Math.max(0, head - position),
        status: checkpoint?.status ?? 'not-started',
        error: checkpoint?.error ?? null,
        local: runner?.status.kind ?? 'not-here',
      };
    });
  }
}
