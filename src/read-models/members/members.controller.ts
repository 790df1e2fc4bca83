import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { CLOCK, type Clock } from '../../config/clock.js';
import { PG_POOL } from '../../database/database.providers.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { countMembers, getMember, listMembers, type MemberDetail, type MemberSummary } from './member-queries.js';

const PROJECTIONS = ['members'];

@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Members by public handle, with status (registered, verified, suspended until, left) and roles (no personal data).' })
  @ApiOkResponse({ description: '{ items, total }' })
  async list(@Query() query: ListQuery): Promise<{ items: MemberSummary[]; total: number }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const [items, total] = await Promise.all([listMembers(this.pool, query, this.clock.now()), countMembers(this.pool)]);
    return { items, total };
  }

  @Get(':memberId')
  async get(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: AtPositionQuery): Promise<MemberDetail> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const member = await getMember(this.pool, memberId, this.clock.now());
    if (!member) throw new NotFound('member', memberId);
    return member;
  }
}
