import type { EventEnvelope, NewEvent } from '../events/envelope.js';
import { MAX_EVENT_BYTES } from '../events/envelope.js';
import { canonicalBytes, sha256 } from '../events/canonical.js';
import { EventTooLargeError } from './event-store.port.js';

/** What makes two appends of one event id "the same": everything but the positions the store assigns. */
export function contentHash(stream: string, event: NewEvent): Buffer {
  return sha256(
    canonicalBytes({ stream, type: event.type, schemaVersion: event.schemaVersion, data: event.data, meta: event.meta, act: event.act ?? null }),
  );
}

/** The envelope as the ledger encodes it (RFC 8785); its size is what the 32 KiB limit applies to. */
export function envelopeBytes(envelope: EventEnvelope): Buffer {
  const { position: _position, ...stored } = envelope;
  return canonicalBytes(stored);
}

export function assertEventSize(stream: string, event: NewEvent): void {
  const bytes = canonicalBytes({ ...event, stream, revision: Number.MAX_SAFE_INTEGER }).length;
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(event.id, bytes);
}
