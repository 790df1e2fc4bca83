import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { Forbidden, NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { CurrentMember, JwtAuthGuard, type AuthenticatedMember } from '../../identity/auth.js';
import type { RecordStatus } from '../../projections/records/transaction-records.fold.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { getPaymentReference, getTransaction, listMemberTransactions, listOpenDisputes, memberTotals, type CurrencyTotals, type TransactionView } from './transaction-queries.js';

const PROJECTIONS = ['transaction-records'];
const STATUSES: readonly RecordStatus[] = ['recorded', 'confirmed', 'disputed'];

export class TransactionListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: '`recorded` lists the records not yet confirmed.' })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: RecordStatus;
}

@ApiTags('records')
@Controller()
export class TransactionsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  // Declared before `transactions/:transactionId` so that the literal path wins.
  @Get('transactions/disputes')
  @ApiOperation({ summary: 'Open disputes: transaction records disputed by their counterparty and not yet decided in arbitration.' })
  @ApiOkResponse({ description: '{ items, total }' })
  async disputes(@Query() query: ListQuery): Promise<{ items: TransactionView[]; total: number }> {
    await this.readYourWrites.await([...PROJECTIONS, 'arbitration'], query.atPosition);
    return listOpenDisputes(this.pool, query);
  }

  @Get('transactions/:transactionId')
  @ApiOperation({ summary: 'A transaction record: confirmed, unconfirmed (`recorded`) or disputed.' })
  async get(@Param('transactionId', uuidParam('transactionId')) transactionId: string, @Query() query: AtPositionQuery): Promise<TransactionView> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const found = await getTransaction(this.pool, transactionId);
    if (!found) throw new NotFound('transaction', transactionId);
    return found;
  }

  @Get('transactions/:transactionId/payment-reference')
  @ApiBearerAuth()
  @UseGuards(JwtAuthGuard)
  @ApiOperation({ summary: 'The private payment reference and salt behind the commitment on the log; only for the payer and the payee.' })
  async paymentReference(
    @CurrentMember() member: AuthenticatedMember,
    @Param('transactionId', uuidParam('transactionId')) transactionId: string,
    @Query() query: AtPositionQuery,
  ): Promise<{ reference: string; salt: string; commitment: string }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const record = await getTransaction(this.pool, transactionId);
    if (!record) throw new NotFound('transaction', transactionId);
    if (member.memberId !== record.payerId && member.memberId !== record.payeeId) throw new Forbidden('not-a-party', 'only the payer and the payee see the payment reference');
    const reference = await getPaymentReference(this.pool, transactionId);
    if (!reference) throw new NotFound('payment-reference', transactionId);
    return reference;
  }

  @Get('members/:memberId/transactions')
  @ApiOperation({ summary: 'The transaction records a member paid or received, newest first.' })
  @ApiOkResponse({ description: '{ items, total }' })
  async forMember(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: TransactionListQuery): Promise<{ items: TransactionView[]; total: number }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return listMemberTransactions(this.pool, memberId, query);
  }

  @Get('members/:memberId/transaction-totals')
  @ApiOperation({ summary: 'What a member paid and received per currency, confirmed, unconfirmed and disputed (integer minor units).' })
  async totals(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: AtPositionQuery): Promise<{ memberId: string; items: CurrencyTotals[] }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return { memberId, items: await memberTotals(this.pool, memberId) };
  }
}
