import { Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../../api/uuid-param.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { CommandResult } from '../../../shared/command-result.js';
import { CloseElectionRequest } from './close-election.handler.js';

@ApiTags('elections')
@UseInterceptors(IdempotencyInterceptor)
@Controller('elections/:electionId/close')
export class CloseElectionController {
  constructor(private readonly commands: CommandBus) {}

  /** Anyone may ask; it only succeeds once the voting time is up, so the count never waits on the closer's timer. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Close an election whose voting time is up: count it and publish every round.' })
  @ApiCreatedResponse({ type: CommandResult })
  close(@Meta() meta: CommandMeta, @Param('electionId', uuidParam('electionId')) electionId: string): Promise<CommandResult> {
    return this.commands.execute(new CloseElectionRequest(electionId, { ...meta, actor: 'system' }));
  }
}
