import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { DelegateVoteDto } from './delegate-vote.dto.js';
import { DelegateVoteRequest } from './delegate-vote.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('delegations')
export class DelegateVoteController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Delegate one\'s vote to another member, for every proposal or one topic (a signed act).' })
  @ApiCreatedResponse({ type: CommandResult })
  delegate(@Meta() meta: CommandMeta, @Body() body: DelegateVoteDto): Promise<CommandResult> {
    return this.commands.execute(new DelegateVoteRequest(body.delegateId, body.topic ?? null, body.act, meta));
  }
}
