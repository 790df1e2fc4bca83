import type { EventEnvelope, NewEvent } from '../events/envelope.js';
import { MAX_EVENT_BYTES } from '../events/envelope.js';
import { canonicalBytes, canonicalJson, sha256 } from '../events/canonical.js';
import { EventTooLargeError } from './event-store.port.js';

/** What makes two appends of one event id "the same": everything but the positions the store assigns. */
export function contentHash(stream: string, event: NewEvent): Buffer {
  return sha256(contentBytes(stream, event));
}

function contentBytes(stream: string, event: NewEvent): Buffer {
  return canonicalBytes({ stream, type: event.type, schemaVersion: event.schemaVersion, data: event.data, meta: event.meta, act: event.act ?? null });
}

/** An event's JSON columns as stored: each in its canonical form (RFC 8785). */
export interface EncodedEvent {
  data: string;
  meta: string;
  act: string | null;
}

const WIDEST_REVISION = String(Number.MAX_SAFE_INTEGER);

/**
 * The JSON text to store, after checking the 32 KiB limit. The pieces are canonical, so the
 * ledger entry (the canonical envelope) is assembled from them once the revision is known
 * (`entryText`) and never re-encoded: the integrator hashes the stored entry and the tiles
 * serve it. The revision is counted at its widest, so the check never depends on where the
 * event lands.
 */
export function encodeEvent(stream: string, event: NewEvent): EncodedEvent {
  const encoded = {
    data: canonicalJson(event.data),
    meta: canonicalJson(event.meta),
    act: event.act ? canonicalJson(event.act) : null,
  };
  const bytes = envelopeSize(stream, event, encoded);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(event.id, bytes);
  return encoded;
}

/**
 * The canonical envelope (what `envelopeBytes` encodes) from canonical pieces. The top-level keys
 * are written in RFC 8785 order: act, data, id, meta, revision, schemaVersion, stream, type.
 */
export function entryText(stream: string, revision: number | string, event: Pick<NewEvent, 'id' | 'type' | 'schemaVersion'>, { data, meta, act }: EncodedEvent): string {
  return (
    (act === null ? '{' : `{"act":${act},`) +
    `"data":${data},"id":${JSON.stringify(event.id)},"meta":${meta},"revision":${revision},` +
    `"schemaVersion":${event.schemaVersion},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(event.type)}}`
  );
}

/** Byte length of the canonical envelope, from the pieces already encoded, at the widest revision. */
export function envelopeSize(stream: string, event: NewEvent, encoded: EncodedEvent): number {
  return Buffer.byteLength(entryText(stream, WIDEST_REVISION, event, encoded));
}

/** The envelope as the ledger encodes it (RFC 8785); its size is what the 32 KiB limit applies to. */
export function envelopeBytes(envelope: EventEnvelope): Buffer {
  const { position: _position, ...stored } = envelope;
  return canonicalBytes(stored);
}
