import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { CLOCK, type Clock } from '../../../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { PG_POOL } from '../../../database/database.providers.js';
import { listOpenProposalsDue } from '../../../read-models/governance/proposal-queries.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { DueCloser } from '../../shared/due-closer.js';
import { CloseProposalRequest } from './close-proposal.handler.js';

/** Closes proposals whose time is up. */
@Injectable()
export class ProposalCloser extends DueCloser {
  constructor(commands: CommandBus, @Inject(PG_POOL) pool: pg.Pool, @Inject(APP_CONFIG) config: AppConfig, @Inject(CLOCK) clock: Clock) {
    super('proposals', commands, pool, config, clock);
  }

  protected due(now: Date): Promise<string[]> {
    return listOpenProposalsDue(this.pool, now);
  }

  protected closeCommand(proposalId: string, meta: CommandMeta): CloseProposalRequest {
    return new CloseProposalRequest(proposalId, meta);
  }
}
