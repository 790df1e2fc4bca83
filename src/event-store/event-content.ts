import type { EventEnvelope, NewEvent } from '../events/envelope.js';
import { MAX_EVENT_BYTES } from '../events/envelope.js';
import { canonicalBytes, sha256 } from '../events/canonical.js';
import { EventTooLargeError } from './event-store.port.js';

/** What makes two appends of one event id "the same": everything but the positions the store assigns. */
export function contentHash(stream: string, event: NewEvent): Buffer {
  return sha256(contentBytes(stream, event));
}

function contentBytes(stream: string, event: NewEvent): Buffer {
  return canonicalBytes({ stream, type: event.type, schemaVersion: event.schemaVersion, data: event.data, meta: event.meta, act: event.act ?? null });
}

/** An event's JSON columns as stored. */
export interface EncodedEvent {
  data: string;
  meta: string;
  act: string | null;
}

const WIDEST_REVISION = String(Number.MAX_SAFE_INTEGER);

/**
 * The JSON text to store, after checking the 32 KiB limit. RFC 8785 writes strings and numbers
 * as JSON.stringify does and only reorders keys, so the canonical envelope has exactly the byte
 * length of these pieces put together; the revision is counted at its widest, so the check never
 * depends on where the event lands. Appends are a hot path: no canonical encoding, no hash.
 */
export function encodeEvent(stream: string, event: NewEvent): EncodedEvent {
  const encoded = {
    data: JSON.stringify(event.data),
    meta: JSON.stringify(event.meta),
    act: event.act ? JSON.stringify(event.act) : null,
  };
  const bytes = envelopeSize(stream, event, encoded);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(event.id, bytes);
  return encoded;
}

/** Byte length of the canonical envelope, from the pieces already encoded, at the widest revision. */
export function envelopeSize(stream: string, event: NewEvent, { data, meta, act }: EncodedEvent): number {
  const envelope =
    (act === null ? '' : `"act":${act},`) +
    `"data":${data},"id":${JSON.stringify(event.id)},"meta":${meta},"revision":${WIDEST_REVISION},` +
    `"schemaVersion":${event.schemaVersion},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(event.type)}`;
  return Buffer.byteLength(envelope) + '{}'.length;
}

/** The envelope as the ledger encodes it (RFC 8785); its size is what the 32 KiB limit applies to. */
export function envelopeBytes(envelope: EventEnvelope): Buffer {
  const { position: _position, ...stored } = envelope;
  return canonicalBytes(stored);
}
