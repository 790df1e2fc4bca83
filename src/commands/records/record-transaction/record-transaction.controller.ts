import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { InvalidInput } from '../../shared/domain-errors.js';
import { RecordTransactionDto } from './record-transaction.dto.js';
import { RecordTransactionRequest } from './record-transaction.handler.js';

@ApiTags('records')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('transactions')
export class RecordTransactionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a payment with another verified member (a signed act of the payer or the payee); unconfirmed until the counterparty confirms.' })
  @ApiCreatedResponse({ type: CommandResult })
  record(@Meta() meta: CommandMeta, @Body() body: RecordTransactionDto): Promise<CommandResult> {
    if (body.referenceSalt !== undefined && body.paymentReference === undefined) {
      throw new InvalidInput('paymentReference', 'referenceSalt is only given with a paymentReference');
    }
    const paymentReference = body.paymentReference === undefined ? null : { reference: body.paymentReference, salt: body.referenceSalt! };
    return this.commands.execute(
      new RecordTransactionRequest(
        {
          transactionId: body.transactionId,
          payerId: body.payerId,
          payeeId: body.payeeId,
          amountMinor: body.amountMinor,
          currency: body.currency,
          rail: body.rail,
          purpose: body.purpose,
          contractId: body.contractId ?? null,
          paymentReference,
        },
        body.act,
        meta,
      ),
    );
  }
}
