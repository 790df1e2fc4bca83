import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { DisputeContractDto } from './dispute-contract.dto.js';
import { DisputeContractRequest } from './dispute-contract.handler.js';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('contracts/:contractId/dispute')
export class DisputeContractController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Dispute an executed contract as a party, with a public reason; arbitration opens a case on it.' })
  @ApiCreatedResponse({ type: CommandResult })
  dispute(@Meta() meta: CommandMeta, @Param('contractId', uuidParam('contractId')) contractId: string, @Body() body: DisputeContractDto): Promise<CommandResult> {
    return this.commands.execute(new DisputeContractRequest(contractId, body.reason, body.act, meta));
  }
}
