import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { RetractCommentDto } from './retract-comment.dto.js';
import { RetractCommentRequest } from './retract-comment.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/comments/:commentId/retraction')
export class RetractCommentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Retract one of one’s own comments; a tombstone keeps its place in the thread.' })
  @ApiCreatedResponse({ type: CommandResult })
  retract(
    @Meta() meta: CommandMeta,
    @Param('proposalId', uuidParam('proposalId')) proposalId: string,
    @Param('commentId', uuidParam('commentId')) commentId: string,
    @Body() body: RetractCommentDto,
  ): Promise<CommandResult> {
    return this.commands.execute(new RetractCommentRequest(proposalId, commentId, body.act, meta));
  }
}
