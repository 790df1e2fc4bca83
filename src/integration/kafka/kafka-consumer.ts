import type { INestApplication } from '@nestjs/common';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { AppConfig } from '../../config/config.js';
import { ensureTopics, kafkaClient } from './kafka-client.js';
import { NOTIFICATION_TOPICS } from './notifications.consumer.js';

/** Whether this process consumes the integration topics: the projector role, when KAFKA_BROKERS is set. */
export const consumesKafka = (config: Pick<AppConfig, 'roles' | 'kafkaBrokers'>): boolean => config.kafkaBrokers !== undefined && config.roles.includes('projector');

/**
 * Makes the app a hybrid: the HTTP app plus the Kafka transport of @nestjs/microservices, whose
 * `@EventPattern` handlers (NotificationsConsumer) read the integration topics. Call before
 * `startAllMicroservices()`. The consumer group is shared by every process, so each partition
 * is read by one of them.
 */
export async function connectKafkaConsumer(app: INestApplication, config: AppConfig): Promise<boolean> {
  const brokers = config.kafkaBrokers;
  if (!consumesKafka(config) || brokers === undefined) return false;
  // Subscribing to a topic that does not exist yet fails: create the ones we read.
  const admin = kafkaClient(brokers, `${config.kafkaClientId}-admin`, () => undefined).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, NOTIFICATION_TOPICS);
  } finally {
    await admin.disconnect();
  }
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.KAFKA,
      options: {
        postfixId: '',
        client: { clientId: `${config.kafkaClientId}-notifications`, brokers: [...brokers], retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5_000 } },
        consumer: { groupId: config.kafkaConsumerGroup, allowAutoTopicCreation: false, retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5_000 } },
        subscribe: { fromBeginning: true },
      },
    },
  );
  return true;
}
