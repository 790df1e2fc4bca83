import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { DisputeTransactionDto } from './dispute-transaction.dto.js';
import { DisputeTransactionRequest } from './dispute-transaction.handler.js';

@ApiTags('records')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('transactions/:transactionId/dispute')
export class DisputeTransactionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Dispute a transaction recorded by the other party, with a public reason (a signed act of the counterparty).' })
  @ApiCreatedResponse({ type: CommandResult })
  dispute(@Meta() meta: CommandMeta, @Param('transactionId', uuidParam('transactionId')) transactionId: string, @Body() body: DisputeTransactionDto): Promise<CommandResult> {
    return this.commands.execute(new DisputeTransactionRequest(transactionId, body.reason, body.act, meta));
  }
}
