import type { EventEnvelope } from '../../events/envelope.js';

/** Why a message on a topic we read is not an event we can use: it is logged and skipped. */
export class MalformedMessage extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'MalformedMessage';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The envelope in a message's value (already JSON-decoded by the transport, or raw text), checked
 * field by field and against the `ce_id` / `ce_type` headers, so that a forged or garbled message
 * never becomes a notification.
 */
export function parseIncoming(value: unknown, headers: Record<string, unknown>): EventEnvelope {
  let body = value;
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      throw new MalformedMessage('the value is not JSON');
    }
  }
  if (!isRecord(body)) throw new MalformedMessage('the value is not a JSON object');
  const { id, stream, revision, position, type, schemaVersion, data, meta } = body;
  if (!isText(id)) throw new MalformedMessage('id is missing');
  if (!isText(stream)) throw new MalformedMessage('stream is missing');
  if (!isText(type)) throw new MalformedMessage('type is missing');
  if (!isIndex(revision) || !isIndex(position)) throw new MalformedMessage('revision and position must be non-negative integers');
  if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 1) throw new MalformedMessage('schemaVersion must be a positive integer');
  if (!isRecord(data)) throw new MalformedMessage('data must be an object');
  if (!isRecord(meta) || !isText(meta.actor) || !isText(meta.occurredAt)) throw new MalformedMessage('meta must name the actor and occurredAt');
  const header = (name: string) => {
    const raw = headers[name];
    return Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  };
  if (header('ce_id') !== id) throw new MalformedMessage('the ce_id header does not match the event id');
  if (header('ce_type') !== type) throw new MalformedMessage('the ce_type header does not match the event type');
  return body as unknown as EventEnvelope;
}
