import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner, type RunnerOptions } from '../projections/projection-runner.js';
import type { LedgerEntries } from './integrator/ledger-entries.js';
import { ledgerProjection } from './integrator/ledger.projection.js';
import { LedgerKeys } from './ledger-keys.js';

/** Positions integrated per transaction (and per checkpoint) while catching up. */
export const LEDGER_BATCH = 10_000;

/** How the runner feeds the integrator, given where the entries are kept. */
export function ledgerRunnerOptions(entries: LedgerEntries, batchSize = LEDGER_BATCH): RunnerOptions {
  // With the entries kept beside the events, the runner follows the head and reads nothing itself.
  return entries.kind === 'database' ? { follow: 'head', batchSize } : { handles: 'all' };
}

/**
 * Runs the integrator in the `ledger` role (DESIGN §9) with the ordinary projection runner:
 * following the log's head and handing ranges of positions when the entries are kept beside the
 * events in PostgreSQL, or else told to hand it every event (`handles: 'all'`). Either way each
 * event, of whatever type, becomes a leaf as soon as it arrives. It is not in ALL_PROJECTIONS: its tables are not read models, and a rebuild
 * never forgets a signed checkpoint.
 */
@Injectable()
export class LedgerIntegrator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private runner: ProjectionRunner | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: LedgerKeys,
  ) {}

  get status(): string {
    return this.runner?.status.kind ?? 'not-here';
  }

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('ledger')) return;
    this.runner = new ProjectionRunner(this.database.url, this.store, ledgerProjection, { ...ledgerRunnerOptions(this.keys.entries), log: (m) => this.logger.warn(m) });
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
