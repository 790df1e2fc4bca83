import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { countElectionDecisions, listElectionDecisions, type ElectionDecisionEntry } from './decision-log-election-queries.js';
import {
  countDecisionLog,
  countProposals,
  getProposal,
  listDecisionLog,
  listProposals,
  type DecisionLogEntry,
  type ProposalDetail,
  type ProposalStatus,
  type ProposalSummary,
} from './proposal-queries.js';
import { PROPOSAL_STATUSES } from './proposal-row.js';

const STATUSES: readonly ProposalStatus[] = PROPOSAL_STATUSES;

export class ProposalListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: ProposalStatus;
}

@ApiTags('governance')
@Controller()
export class ProposalsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('proposals')
  @ApiOperation({ summary: 'Proposals with their live tally, newest first.' })
  async list(@Query() query: ProposalListQuery): Promise<{ items: ProposalSummary[]; total: number }> {
    await this.readYourWrites.await(['proposals', 'moderation'], query.atPosition);
    const [items, total] = await Promise.all([listProposals(this.pool, query), countProposals(this.pool, query.status)]);
    return { items, total };
  }

  @Get('proposals/:proposalId')
  async get(@Param('proposalId', uuidParam('proposalId')) proposalId: string, @Query() query: AtPositionQuery): Promise<ProposalDetail> {
    await this.readYourWrites.await(['proposals', 'moderation'], query.atPosition);
    const proposal = await getProposal(this.pool, proposalId);
    if (!proposal) throw new NotFound('proposal', proposalId);
    return proposal;
  }

  @Get('decision-log')
  @ApiOperation({ summary: 'Every closed proposal with its result, tally, electorate and positions on the public log.' })
  async decisionLog(@Query() query: ListQuery): Promise<{ items: DecisionLogEntry[]; total: number }> {
    await this.readYourWrites.await(['decision-log'], query.atPosition);
    const [items, total] = await Promise.all([listDecisionLog(this.pool, query), countDecisionLog(this.pool)]);
    return { items, total };
  }

  @Get('decision-log/elections')
  @ApiOperation({
    summary:
      'Every closed election with its method, seats or role, electorate, voters, the elected in order, every counting round as published, the tie-break rules used and its positions on the public log, most recently closed first.',
  })
  async electionLog(@Query() query: ListQuery): Promise<{ items: ElectionDecisionEntry[]; total: number }> {
    await this.readYourWrites.await(['decision-log'], query.atPosition);
    const [items, total] = await Promise.all([listElectionDecisions(this.pool, query), countElectionDecisions(this.pool)]);
    return { items, total };
  }
}
