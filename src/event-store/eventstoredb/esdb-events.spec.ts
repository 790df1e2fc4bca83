import type { RecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from '../../events/envelope.js';
import { contentHash } from '../event-content.js';
import { EventTooLargeError } from '../event-store.port.js';
import { comparePositions, isSystemEvent, toEnvelope, toEventData } from './esdb-events.js';

const event: NewEvent = {
  id: '0190a8f2-0000-7000-8000-000000000001',
  type: 'governance.VoteCast',
  schemaVersion: 2,
  data: { proposalId: 'p-1', choice: 'yes' },
  meta: { actor: 'm-1', correlationId: 'c', causationId: 'c', occurredAt: '2026-03-01T12:00:00.000Z' },
  act: { command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k' }, signature: 'sig' },
};

/** What the server hands back for an event written from `toEventData`. */
function recorded(stream: string, revision: bigint, e: NewEvent): RecordedEvent {
  const data = toEventData(stream, e) as unknown as { id: string; type: string; data: unknown; metadata: unknown };
  return { streamId: stream, id: data.id, isJson: true, revision, type: data.type, created: new Date(), data: data.data, metadata: data.metadata, position: { commit: 10n, prepare: 10n } } as RecordedEvent;
}

describe('events in EventStoreDB', () => {
  it('keep the envelope id and type, the data as is, the rest and the content hash in metadata', () => {
    const data = toEventData('proposal-1', event) as unknown as { id: string; type: string; data: unknown; metadata: Record<string, unknown> };
    expect(data.id).toBe(event.id);
    expect(data.type).toBe(event.type);
    expect(data.data).toEqual(event.data);
    expect(data.metadata).toEqual({ schemaVersion: 2, meta: event.meta, act: event.act, contentSha256: contentHash('proposal-1', event).toString('hex') });
  });

  it('read back as the same envelope, at the dense position given', () => {
    expect(toEnvelope(recorded('proposal-1', 3n, event), 42)).toEqual({ ...event, stream: 'proposal-1', revision: 3, position: 42 });
  });

  it('an event without an act reads back without one', () => {
    const { act: _act, ...plain } = event;
    expect(toEnvelope(recorded('s', 0n, plain), 0)).not.toHaveProperty('act');
  });

  it('over 32 KiB encoded raise EventTooLargeError before anything is sent', () => {
    expect(() => toEventData('s', { ...event, data: { text: 'x'.repeat(33 * 1024) } })).toThrow(EventTooLargeError);
  });

  it('an event not written by the adapter (no envelope metadata) is refused, not guessed', () => {
    const foreign = { ...recorded('s', 0n, event), metadata: {} } as RecordedEvent;
    expect(() => toEnvelope(foreign, 0)).toThrow(/not written by this adapter/);
  });

  it('system events are those whose type starts with $', () => {
    expect(isSystemEvent({ type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ type: '$>' })).toBe(true);
    expect(isSystemEvent({ type: 'governance.VoteCast' })).toBe(false);
  });

  it('$all positions order by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
  });
});
