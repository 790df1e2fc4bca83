import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import type { Clock } from '../../config/clock.js';
import type { AppConfig } from '../../config/config.js';
import { metaAt, type CommandMeta } from './command-meta.js';
import { DomainError } from './domain-errors.js';

/**
 * Closes, on a timer in the projector role, whatever a read model says is due (proposals,
 * elections). Several processes may run it: the decider refuses a second close, so a race costs
 * one refused command, never a second close on the log.
 */
export abstract class DueCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  protected constructor(
    private readonly what: string,
    private readonly commands: CommandBus,
    protected readonly pool: pg.Pool,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.logger = new Logger(new.target.name);
  }

  /** Ids whose closing time is at or before `now`. */
  protected abstract due(now: Date): Promise<string[]>;
  /** The command that closes one of them. */
  protected abstract closeCommand(id: string, meta: CommandMeta): Parameters<CommandBus['execute']>[0];

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('projector')) return;
    this.timer = setInterval(() => {
      this.running ??= this.closeDue()
        .then(
          () => undefined,
          // The read model may not exist yet on a first start, or the database may blink: try next tick.
          (error: Error) => this.logger.warn(`looking for ${this.what} to close: ${error.message}`),
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
    for (const id of await this.due(now)) {
      try {
        await this.commands.execute(this.closeCommand(id, metaAt('system', now)));
        closed += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) this.logger.warn(`closing ${id}: ${(error as Error).message}`);
      }
    }
    return closed;
  }
}
