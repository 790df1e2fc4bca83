import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { CLOCK, type Clock } from '../../config/clock.js';
import { PG_POOL } from '../../database/database.providers.js';
import type { ElectionStatus } from '../../projections/governance/elections.fold.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getElection, listElections, type ElectionDetail, type ElectionSummary } from './election-queries.js';
import { withPhase, type ElectionPhase } from './election-phase.js';

const STATUSES: readonly ElectionStatus[] = ['called', 'closed'];

export class ElectionListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: ElectionStatus;
}

@ApiTags('elections')
@Controller()
export class ElectionsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('elections')
  @ApiOperation({ summary: "Elections, most recently called first, with their candidates count, voters, winners and phase on the server's clock." })
  async list(@Query() query: ElectionListQuery): Promise<{ items: (ElectionSummary & { phase: ElectionPhase })[]; total: number }> {
    await this.readYourWrites.await(['elections'], query.atPosition);
    const { items, total } = await listElections(this.pool, query);
    const now = this.clock.now();
    return { items: items.map((e) => withPhase(e, now)), total };
  }

  @Get('elections/:electionId')
  @ApiOperation({ summary: "One election: candidates, status, phase on the server's clock (nominations, voting, counting, closed) and, once closed, the result with every counting round." })
  async get(@Param('electionId', uuidParam('electionId')) electionId: string, @Query() query: AtPositionQuery): Promise<ElectionDetail & { phase: ElectionPhase }> {
    await this.readYourWrites.await(['elections'], query.atPosition);
    const election = await getElection(this.pool, electionId);
    if (!election) throw new NotFound('election', electionId);
    return withPhase(election, this.clock.now());
  }
}
