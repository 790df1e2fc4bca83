import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { TerminateContractDto } from './terminate-contract.dto.js';
import { TerminateContractRequest } from './terminate-contract.handler.js';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('contracts/:contractId/termination')
export class TerminateContractController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Agree, as a party, to end an executed contract; it is terminated once every party has agreed.' })
  @ApiCreatedResponse({ type: CommandResult })
  terminate(@Meta() meta: CommandMeta, @Param('contractId', uuidParam('contractId')) contractId: string, @Body() body: TerminateContractDto): Promise<CommandResult> {
    return this.commands.execute(new TerminateContractRequest(contractId, body.act, meta));
  }
}
