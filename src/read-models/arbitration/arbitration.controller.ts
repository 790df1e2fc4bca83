import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getCase, listCases, type CaseDetail, type CaseSummary } from './arbitration-queries.js';

const CASE_STATUSES = ['open', 'decided'] as const;

export class CaseListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status?: 'open' | 'decided';
}

@ApiTags('arbitration')
@Controller('arbitration/cases')
export class ArbitrationController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Arbitration cases, newest first: subject, parties, arbiter, decision.' })
  async list(@Query() query: CaseListQuery): Promise<{ items: CaseSummary[]; total: number }> {
    await this.readYourWrites.await(['arbitration'], query.atPosition);
    return listCases(this.pool, query.status, query);
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'One case with the statements of both sides (and their amendments) and the decision.' })
  async get(@Param('caseId', uuidParam('caseId')) caseId: string, @Query() query: AtPositionQuery): Promise<CaseDetail> {
    await this.readYourWrites.await(['arbitration'], query.atPosition);
    const found = await getCase(this.pool, caseId);
    if (found === null) throw new NotFound('case', caseId);
    return found;
  }
}
