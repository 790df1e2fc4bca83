import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { CancelProposalDto } from './cancel-proposal.dto.js';
import { CancelProposalRequest } from './cancel-proposal.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/cancellation')
export class CancelProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Cancel a proposal before it closes (a steward only), with a public reason.' })
  @ApiCreatedResponse({ type: CommandResult })
  cancel(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: CancelProposalDto): Promise<CommandResult> {
    return this.commands.execute(new CancelProposalRequest(proposalId, body.reason, body.act, meta));
  }
}
