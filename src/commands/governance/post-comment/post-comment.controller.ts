import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { PostCommentDto } from './post-comment.dto.js';
import { PostCommentRequest } from './post-comment.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/comments')
export class PostCommentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Comment on a proposal, or reply to a comment on it (a signed act of a verified member).' })
  @ApiCreatedResponse({ type: CommandResult })
  post(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: PostCommentDto): Promise<CommandResult> {
    return this.commands.execute(new PostCommentRequest(proposalId, body.commentId, body.parentId, body.body, body.act, meta));
  }
}
