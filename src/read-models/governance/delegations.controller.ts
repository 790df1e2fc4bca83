import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { PG_POOL } from '../../database/database.providers.js';
import { AtPositionQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getMemberDelegations, type MemberDelegations } from './delegation-queries.js';

@ApiTags('governance')
@Controller()
export class DelegationsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('members/:memberId/delegations')
  @ApiOperation({ summary: 'The delegations a member gave and received, by topic (public: delegations are on the log).' })
  async forMember(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: AtPositionQuery): Promise<MemberDelegations> {
    await this.readYourWrites.await(['delegations'], query.atPosition);
    return getMemberDelegations(this.pool, memberId);
  }
}
