import { Module } from '@nestjs/common';
import { KafkaForwarder } from './kafka/kafka-forwarder.service.js';
import { NotificationsConsumer } from './kafka/notifications.consumer.js';
import { NotificationsController } from '../read-models/notifications/notifications.controller.js';

/** Events leaving the system (Kafka forwarder) and what comes back from the topics (notifications). */
@Module({ controllers: [NotificationsConsumer, NotificationsController], providers: [KafkaForwarder] })
export class IntegrationModule {}
