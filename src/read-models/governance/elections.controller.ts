import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import type { ElectionStatus } from '../../projections/governance/elections.fold.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getElection, listElections, type ElectionDetail, type ElectionSummary } from './election-queries.js';

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
  ) {}

  @Get('elections')
  @ApiOperation({ summary: 'Elections, most recently called first, with their candidates count, voters and winners.' })
  async list(@Query() query: ElectionListQuery): Promise<{ items: ElectionSummary[]; total: number }> {
    await this.readYourWrites.await(['elections'], query.atPosition);
    return listElections(this.pool, query);
  }

  @Get('elections/:electionId')
  @ApiOperation({ summary: 'One election: candidates, status and, once closed, the result with every counting round.' })
  async get(@Param('electionId', uuidParam('electionId')) electionId: string, @Query() query: AtPositionQuery): Promise<ElectionDetail> {
    await this.readYourWrites.await(['elections'], query.atPosition);
    const election = await getElection(this.pool, electionId);
    if (!election) throw new NotFound('election', electionId);
    return election;
  }
}
