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

/**
 * The content hash, after checking the 32 KiB limit, from one canonical encoding (appends are a
 * hot path). The envelope is the content plus `id` and `revision`, less `"act":null` when absent;
 * the revision is counted at its widest, so the check never depends on where the event lands.
 */
export function checkedContentHash(stream: string, event: NewEvent): Buffer {
  const content = contentBytes(stream, event);
  const envelope =
    content.length - (event.act ? 0 : '"act":null,'.length) + `"id":"${event.id}",`.length + `"revision":${Number.MAX_SAFE_INTEGER},`.length;
  if (envelope > MAX_EVENT_BYTES) throw new EventTooLargeError(event.id, envelope);
  return sha256(content);
}

/** The envelope as the ledger encodes it (RFC 8785); its size is what the 32 KiB limit applies to. */
export function envelopeBytes(envelope: EventEnvelope): Buffer {
  const { position: _position, ...stored } = envelope;
  return canonicalBytes(stored);
}
