import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { CurrentMember, JwtAuthGuard, type AuthenticatedMember } from '../../identity/auth.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { requireRole } from './member-roles.js';
import { getModerationAction, listModerationLog, listReports, type ModerationActionDetail, type ModerationLogEntry, type ReportItem } from './moderation-queries.js';

const REPORT_STATUSES = ['open', 'resolved'] as const;

export class ReportListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: `status must be one of ${REPORT_STATUSES.join(', ')}` })
  status: 'open' | 'resolved' = 'open';
}

@ApiTags('moderation')
@Controller('moderation')
export class ModerationController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('log')
  @ApiOperation({ summary: 'The public moderation log, newest first: actions, appeals and decisions with their public reasons.' })
  async log(@Query() query: ListQuery): Promise<{ items: ModerationLogEntry[]; total: number }> {
    await this.readYourWrites.await(['moderation'], query.atPosition);
    return listModerationLog(this.pool, query);
  }

  @Get('reports')
  @ApiBearerAuth()
  @UseGuards(JwtAuthGuard)
  @ApiOperation({ summary: 'The report queue (moderators only): open reports, oldest first, or resolved ones.' })
  async reports(@CurrentMember() member: AuthenticatedMember, @Query() query: ReportListQuery): Promise<{ items: ReportItem[]; total: number }> {
    await requireRole(this.store, member.memberId, ['moderator']);
    await this.readYourWrites.await(['moderation'], query.atPosition);
    return listReports(this.pool, query.status, query);
  }

  @Get('actions/:actionId')
  @ApiOperation({ summary: 'One moderation action with its appeal and decision.' })
  async action(@Param('actionId', uuidParam('actionId')) actionId: string, @Query() query: AtPositionQuery): Promise<ModerationActionDetail> {
    await this.readYourWrites.await(['moderation'], query.atPosition);
    const action = await getModerationAction(this.pool, actionId);
    if (action === null) throw new NotFound('action', actionId);
    return action;
  }
}
