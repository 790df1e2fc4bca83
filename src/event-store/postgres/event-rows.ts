import type { EventEnvelope } from '../../events/envelope.js';

/** A row of event_store.events as node-postgres returns it (bigints as strings). */
export interface EventRowDb {
  position: string;
  id: string;
  stream: string;
  revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  meta: EventEnvelope['meta'];
  act: EventEnvelope['act'] | null;
}

export const SELECT_EVENTS = 'SELECT position, id, stream, revision, type, schema_version, data, meta, act FROM event_store.events';

export function toEnvelope(row: EventRowDb): EventEnvelope {
  const envelope: EventEnvelope = {
    id: row.id,
    stream: row.stream,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    meta: row.meta,
  };
  if (row.act) envelope.act = row.act;
  return envelope;
}

