import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DATABASE, type Database } from '../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { ForwarderProjection } from './forwarder.projection.js';
import { kafkaClient } from './kafka-client.js';

/** Whether this process forwards the log to Kafka: the forwarder role (in `all` too), when KAFKA_BROKERS is set. */
export const forwardsToKafka = (config: Pick<AppConfig, 'roles' | 'kafkaBrokers'>): boolean => config.kafkaBrokers !== undefined && config.roles.includes('forwarder');

/**
 * Runs the Kafka forwarder in the `forwarder` role when KAFKA_BROKERS is set (DESIGN §9), on the
 * ordinary projection runner: one active forwarder across processes (advisory lock), the others
 * stand by; pause, resume and lag work as for any projection.
 */
@Injectable()
export class KafkaForwarder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaForwarder');
  private runner: ProjectionRunner | undefined;
  private projection: ForwarderProjection | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  get status(): string {
    return this.runner?.status.kind ?? 'not-here';
  }

  onApplicationBootstrap(): void {
    const brokers = this.config.kafkaBrokers;
    if (!forwardsToKafka(this.config) || brokers === undefined) return;
    const kafka = kafkaClient(brokers, `${this.config.kafkaClientId}-forwarder`, (m) => this.logger.warn(m));
    this.projection = new ForwarderProjection(kafka, this.config.ledgerOrigin);
    this.runner = new ProjectionRunner(this.database.url, this.store, this.projection, { log: (m) => this.logger.warn(m) });
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.projection?.disconnect();
  }
}
