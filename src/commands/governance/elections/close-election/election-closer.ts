import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { CLOCK, type Clock } from '../../../../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../../config/config.js';
import { PG_POOL } from '../../../../database/database.providers.js';
import { listElectionsDue } from '../../../../read-models/governance/election-queries.js';
import { metaAt } from '../../../shared/command-meta.js';
import { DomainError } from '../../../shared/domain-errors.js';
import { CloseElectionRequest } from './close-election.handler.js';

/**
 * Closes and counts elections whose time is up. Several processes may run it: the decider refuses
 * a second close, so a race costs one refused command, never a second ElectionClosed.
 */
@Injectable()
export class ElectionCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ElectionCloser');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('projector')) return;
    this.timer = setInterval(() => {
      this.running ??= this.closeDue()
        .then(
          () => undefined,
          // The read model may not exist yet on a first start, or the database may blink: try next tick.
          (error: Error) => this.logger.warn(`looking for elections to close: ${error.message}`),
        )
        .finally(() => (this.running = undefined));
    }, this.config.closerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async closeDue(now: Date = this.clock.now()): Promise<number> {
    let closed = 0;
    for (const electionId of await listElectionsDue(this.pool, now)) {
      try {
        await this.commands.execute(new CloseElectionRequest(electionId, metaAt('system', now)));
        closed += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) this.logger.warn(`closing election ${electionId}: ${(error as Error).message}`);
      }
    }
    return closed;
  }
}
