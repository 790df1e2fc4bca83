import { Controller, Get, Inject, Query, UseGuards, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import pg from 'pg';
import { PG_POOL } from '../../database/database.providers.js';
import { CurrentMember, JwtAuthGuard, type AuthenticatedMember } from '../../identity/auth.js';
import { ListQuery } from '../query-params.js';
import { ensureNotificationsSchema, listNotifications, type NotificationView } from './notifications-store.js';

/** Paging only: `atPosition` has no meaning for a read model fed through Kafka. */
class NotificationsQuery extends PickType(ListQuery, ['limit', 'offset'] as const) {}

/**
 * The signed-in member's notifications. They arrive through Kafka (the consumer runs where
 * KAFKA_BROKERS is set), so they follow the log by the broker's delay: there is no position to wait for.
 */
@ApiTags('members')
@Controller('members/me/notifications')
export class NotificationsController implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureNotificationsSchema(this.pool);
  }

  @Get()
  @UseGuards(JwtAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your notifications, newest first: proposal closed, contract awaiting your signature, moderation decisions, replies.' })
  @ApiOkResponse({ description: '{ items, total }' })
  async list(@CurrentMember() member: AuthenticatedMember, @Query() query: NotificationsQuery): Promise<{ items: NotificationView[]; total: number }> {
    return listNotifications(this.pool, member.memberId, query.limit, query.offset);
  }
}
