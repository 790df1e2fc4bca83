import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { AtPositionQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getCommentThread, type CommentNode } from './comment-queries.js';
import { getProposal } from './proposal-queries.js';

@ApiTags('governance')
@Controller()
export class CommentsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('proposals/:proposalId/comments')
  @ApiOperation({ summary: 'The discussion of a proposal as a thread: comments with their replies, retracted ones as tombstones.' })
  async thread(@Param('proposalId', uuidParam('proposalId')) proposalId: string, @Query() query: AtPositionQuery): Promise<{ items: CommentNode[]; total: number }> {
    await this.readYourWrites.await(['comments', 'proposals', 'moderation'], query.atPosition);
    if (!(await getProposal(this.pool, proposalId))) throw new NotFound('proposal', proposalId);
    return getCommentThread(this.pool, proposalId);
  }
}
