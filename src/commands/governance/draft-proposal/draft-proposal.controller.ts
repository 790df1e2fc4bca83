import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { DraftProposalDto } from './draft-proposal.dto.js';
import { DraftProposalRequest } from './draft-proposal.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals')
export class DraftProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft a proposal (a signed act of a verified member).' })
  @ApiCreatedResponse({ type: CommandResult })
  draft(@Meta() meta: CommandMeta, @Body() body: DraftProposalDto): Promise<CommandResult> {
    return this.commands.execute(new DraftProposalRequest(body.proposalId, body.title, body.body, body.rules, body.act, meta, body.motion, body.topic));
  }
}
