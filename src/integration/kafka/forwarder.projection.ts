import type { Kafka, Producer } from 'kafkajs';
import type { EventEnvelope } from '../../events/envelope.js';
import { EVENT_TYPES } from '../../events/registry.js';
import type { Projection } from '../../projections/projection.js';
import { toMessage, type OutgoingMessage } from './cloud-events.js';
import { ensureTopics } from './kafka-client.js';

/** The forwarder failed to hand a batch to Kafka; the runner restarts from its checkpoint. */
export class ForwardingFailed extends Error {
  constructor(cause: unknown) {
    super(`Kafka did not acknowledge the batch: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'ForwardingFailed';
  }
}

/**
 * Publishes the global order to Kafka (DESIGN §9, docs/adr on the Kafka integration). It is a
 * projection with no tables, run by the ordinary runner: its checkpoint moves in the runner's
 * transaction only after `apply` returned, and `apply` returns only once the broker acknowledged
 * every message of the batch (acks from all in-sync replicas). A crash or an outage between the
 * acknowledgement and the checkpoint sends the batch again: delivery is at least once, in order,
 * and consumers deduplicate by event id (`ce_id`).
 */
export class ForwarderProjection implements Projection {
  readonly name = 'kafka-forwarder';
  readonly version = 1;
  readonly handles = EVENT_TYPES;
  readonly tables: readonly string[] = [];
  readonly schema = 'SELECT 1';
  private producer: Producer | undefined;
  private readonly topics = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    /** The instance's ledger origin: `ce_source` of every message. */
    private readonly source: string,
  ) {}

  async apply(batch: readonly EventEnvelope[]): Promise<void> {
    const messages = batch.map((event) => toMessage(event, this.source));
    try {
      const producer = await this.connected();
      const topics = [...new Set(messages.map((m) => m.topic))];
      const missing = topics.filter((t) => !this.topics.has(t));
      if (missing.length > 0) await this.createTopics(missing);
      // One request per broker; within a partition the messages keep the batch's order, so a
      // stream (one key, one partition) keeps its order. One request in flight: retries cannot reorder.
      await producer.sendBatch({ acks: -1, topicMessages: byTopic(messages) });
    } catch (error) {
      // A fresh producer next time: an idempotent producer's sequence numbers do not survive a failed send.
      await this.disconnect();
      // No `code` on purpose: the runner treats coded errors as the batch's fault, this one is the broker's.
      throw new ForwardingFailed(error);
    }
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async createTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topics);
      for (const topic of topics) this.topics.add(topic);
    } finally {
      await admin.disconnect();
    }
  }
}

/** The batch's messages grouped by topic, each group in the batch's order. */
export function byTopic(messages: readonly OutgoingMessage[]): { topic: string; messages: Omit<OutgoingMessage, 'topic'>[] }[] {
  const groups = new Map<string, Omit<OutgoingMessage, 'topic'>[]>();
  for (const { topic, ...message } of messages) {
    const group = groups.get(topic) ?? [];
    group.push(message);
    groups.set(topic, group);
  }
  return [...groups].map(([topic, group]) => ({ topic, messages: group }));
}
