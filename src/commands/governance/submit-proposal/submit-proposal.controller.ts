import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { SubmitProposalDto } from './submit-proposal.dto.js';
import { SubmitProposalRequest } from './submit-proposal.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('proposals/:proposalId/submission')
export class SubmitProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit a draft as final (its author only); only a submitted proposal can be opened.' })
  @ApiCreatedResponse({ type: CommandResult })
  submit(@Meta() meta: CommandMeta, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: SubmitProposalDto): Promise<CommandResult> {
    return this.commands.execute(new SubmitProposalRequest(proposalId, body.act, meta));
  }
}
