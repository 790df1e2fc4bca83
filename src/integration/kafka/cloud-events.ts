import type { EventEnvelope } from '../../events/envelope.js';
import { canonicalBytes } from '../../events/canonical.js';

/** Topic names: one per domain, from the event type's prefix (`governance.VoteCast` → `civic.governance`). */
export const TOPIC_PREFIX = 'civic.';

export function domainOf(type: string): string {
  const dot = type.indexOf('.');
  if (dot <= 0) throw new Error(`event type ${type} has no domain prefix`);
  return type.slice(0, dot);
}

export const topicOfDomain = (domain: string): string => `${TOPIC_PREFIX}${domain}`;
export const topicOf = (type: string): string => topicOfDomain(domainOf(type));

/** What the forwarder hands to the producer for one event. */
export interface OutgoingMessage {
  topic: string;
  /** The stream: a stream's events share a partition, so their order is kept. */
  key: string;
  /** The envelope, RFC 8785 canonical JSON (the bytes the ledger hashes, plus the position). */
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * CloudEvents 1.0 in Kafka binary content mode (cloudevents/spec kafka-protocol-binding):
 * attributes as `ce_` headers, the payload as the message value, its media type in `content-type`.
 */
export function toMessage(event: EventEnvelope, source: string): OutgoingMessage {
  return {
    topic: topicOf(event.type),
    key: event.stream,
    value: canonicalBytes(event),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: event.type,
      ce_source: source,
      ce_time: event.meta.occurredAt,
      ce_subject: event.stream,
      'content-type': 'application/json',
    },
  };
}
