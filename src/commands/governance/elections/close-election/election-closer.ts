import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { CLOCK, type Clock } from '../../../../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../../config/config.js';
import { PG_POOL } from '../../../../database/database.providers.js';
import { listElectionsDue } from '../../../../read-models/governance/election-queries.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { DueCloser } from '../../../shared/due-closer.js';
import { CloseElectionRequest } from './close-election.handler.js';

/** Closes and counts elections whose time is up. */
@Injectable()
export class ElectionCloser extends DueCloser {
  constructor(commands: CommandBus, @Inject(PG_POOL) pool: pg.Pool, @Inject(APP_CONFIG) config: AppConfig, @Inject(CLOCK) clock: Clock) {
    super('elections', commands, pool, config, clock);
  }

  protected due(now: Date): Promise<string[]> {
    return listElectionsDue(this.pool, now);
  }

  protected closeCommand(electionId: string, meta: CommandMeta): CloseElectionRequest {
    return new CloseElectionRequest(electionId, meta);
  }
}
