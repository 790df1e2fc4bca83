import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { OpenProposalDto } from './open-proposal.dto.js';
import { OpenProposalRequest } from './open-proposal.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/open')
export class OpenProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a submitted proposal to the vote (its author or a steward); fixes the electorate and rules.' })
  @ApiCreatedResponse({ type: CommandResult })
  open(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: OpenProposalDto): Promise<CommandResult> {
    return this.commands.execute(new OpenProposalRequest(proposalId, body.closesAt, body.act, meta));
  }
}
