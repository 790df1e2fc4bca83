import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import pg from 'pg';
import { PG_POOL } from '../../database/database.providers.js';
import { receiveEvent } from '../../read-models/notifications/notifications-store.js';
import { topicOfDomain } from './cloud-events.js';
import { MalformedMessage, parseIncoming } from './incoming-event.js';
import { upcastEvent, validateEvent, EVENT_TYPES } from '../../events/registry.js';

/** The topics the notifications consumer reads. */
export const NOTIFICATION_TOPICS = ['governance', 'contracts', 'moderation'].map(topicOfDomain);

/**
 * Builds members' notifications from the integration topics (Kafka transport of
 * @nestjs/microservices). A message that is not a well-formed event is logged and skipped: it
 * can never be processed, and holding the partition for it would stop every notification behind
 * it. A database error is thrown instead: kafkajs retries the message and does not commit its offset.
 */
@Controller()
export class NotificationsConsumer {
  private readonly logger = new Logger('NotificationsConsumer');

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @EventPattern<string>(NOTIFICATION_TOPICS[0]!)
  async governance(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.receive(value, context);
  }

  @EventPattern<string>(NOTIFICATION_TOPICS[1]!)
  async contracts(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.receive(value, context);
  }

  @EventPattern<string>(NOTIFICATION_TOPICS[2]!)
  async moderation(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.receive(value, context);
  }

  private async receive(value: unknown, context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const where = `${context.getTopic()}[${context.getPartition()}]@${message.offset}`;
    let event;
    try {
      event = readEvent(value, message.headers ?? {});
    } catch (error) {
      if (!(error instanceof MalformedMessage)) throw error;
      this.logger.warn(`skipped malformed message ${where}: ${error.message}`);
      return;
    }
    await receiveEvent(this.pool, event);
  }
}

/** The envelope of a message, upcast to the current schema and validated; MalformedMessage otherwise. */
export function readEvent(value: unknown, headers: Record<string, unknown>) {
  const envelope = parseIncoming(value, headers);
  // Types this build does not know (a newer producer) are no one's notification: keep them as they are.
  if (!(EVENT_TYPES as readonly string[]).includes(envelope.type)) return envelope;
  let event;
  try {
    event = upcastEvent(envelope);
  } catch (error) {
    throw new MalformedMessage((error as Error).message);
  }
  const problems = validateEvent(event.type, event.data);
  if (problems.length > 0) throw new MalformedMessage(`invalid ${event.type}: ${problems.join('; ')}`);
  return event;
}
