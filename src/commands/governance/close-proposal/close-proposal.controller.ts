import { Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { CloseProposalRequest } from './close-proposal.handler.js';

@ApiTags('governance')
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/close')
export class CloseProposalController {
  constructor(private readonly commands: CommandBus) {}

  /** Anyone may ask; it only succeeds once the voting time is up, so the close never waits on the closer's timer. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Close a proposal whose voting time is up and publish its result.' })
  @ApiCreatedResponse({ type: CommandResult })
  close(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string): Promise<CommandResult> {
    return this.commands.execute(new CloseProposalRequest(proposalId, { ...meta, actor: 'system' }));
  }
}
