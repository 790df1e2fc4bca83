import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../../identity/auth.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { CommandResult } from '../../../shared/command-result.js';
import { CallElectionDto } from './call-election.dto.js';
import { CallElectionRequest } from './call-election.handler.js';

@ApiTags('elections')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('elections')
export class CallElectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Call an election for a role or a seat (a steward, signed); fixes the electorate.' })
  @ApiCreatedResponse({ type: CommandResult })
  call(@Meta() meta: CommandMeta, @Body() body: CallElectionDto): Promise<CommandResult> {
    const { act, ...fields } = body;
    return this.commands.execute(new CallElectionRequest({ ...fields }, act, meta));
  }
}
