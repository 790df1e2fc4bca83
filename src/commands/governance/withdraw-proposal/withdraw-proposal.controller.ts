import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { WithdrawProposalDto } from './withdraw-proposal.dto.js';
import { WithdrawProposalRequest } from './withdraw-proposal.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/withdrawal')
export class WithdrawProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Withdraw a proposal (its author only, while nobody has voted on it).' })
  @ApiCreatedResponse({ type: CommandResult })
  withdraw(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: WithdrawProposalDto): Promise<CommandResult> {
    return this.commands.execute(new WithdrawProposalRequest(proposalId, body.act, meta));
  }
}
