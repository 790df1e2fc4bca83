import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../../identity/auth.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { CommandResult } from '../../../shared/command-result.js';
import { WithdrawCandidacyDto } from './withdraw-candidacy.dto.js';
import { WithdrawCandidacyRequest } from './withdraw-candidacy.handler.js';

@ApiTags('elections')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('elections/:electionId/candidacies/mine/withdrawal')
export class WithdrawCandidacyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Withdraw one's own candidacy (signed) until nominations close." })
  @ApiCreatedResponse({ type: CommandResult })
  withdraw(@Meta() meta: CommandMeta, @Param('electionId', uuidParam('electionId')) electionId: string, @Body() body: WithdrawCandidacyDto): Promise<CommandResult> {
    return this.commands.execute(new WithdrawCandidacyRequest(electionId, body.act, meta));
  }
}
