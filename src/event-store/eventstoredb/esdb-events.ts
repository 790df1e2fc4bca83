import { jsonEvent, type EventData, type Position, type RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope, EventMeta, NewEvent, SignedAct } from '../../events/envelope.js';
import { contentHash, encodeEvent } from '../event-content.js';

/** What the adapter keeps in an EventStoreDB event's metadata (the data is the event's own `data`). */
export interface StoredMetadata {
  schemaVersion: number;
  meta: EventMeta;
  act?: SignedAct;
  /** SHA-256 (hex) of the event's content with its stream: what makes a replay "the same" (ADR). */
  contentSha256: string;
}

/** The event as EventStoreDB stores it: its id is the envelope's id, its type the envelope's type. Throws EventTooLargeError. */
export function toEventData(stream: string, event: NewEvent): EventData {
  encodeEvent(stream, event);
  const metadata: StoredMetadata = {
    schemaVersion: event.schemaVersion,
    meta: event.meta,
    ...(event.act ? { act: event.act } : {}),
    contentSha256: contentHash(stream, event).toString('hex'),
  };
  return jsonEvent({ id: event.id, type: event.type, data: event.data as never, metadata: metadata as never });
}

/** System events (`$metadata`, `$>`, statistics…) are not the community's: they are left out of the global order. */
export const isSystemEvent = (recorded: Pick<RecordedEvent, 'type'>): boolean => recorded.type.startsWith('$');

export function storedMetadata(recorded: RecordedEvent): StoredMetadata {
  const metadata = recorded.metadata as Partial<StoredMetadata> | undefined;
  if (!metadata || typeof metadata.schemaVersion !== 'number' || typeof metadata.contentSha256 !== 'string' || typeof metadata.meta !== 'object') {
    throw new Error(`event ${recorded.id} on ${recorded.streamId} was not written by this adapter (no envelope metadata)`);
  }
  return metadata as StoredMetadata;
}

/** The envelope of a recorded event at its dense global position. */
export function toEnvelope(recorded: RecordedEvent, position: number): EventEnvelope {
  const { schemaVersion, meta, act } = storedMetadata(recorded);
  const revision = Number(recorded.revision);
  return {
    id: recorded.id,
    stream: recorded.streamId,
    revision,
    position,
    type: recorded.type,
    schemaVersion,
    data: recorded.data,
    meta,
    ...(act ? { act } : {}),
  };
}

/** Order of two $all positions (commit first, then prepare). */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
