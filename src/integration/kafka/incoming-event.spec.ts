import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../events/canonical.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { MalformedMessage, parseIncoming } from './incoming-event.js';
import { readEvent } from './notifications.consumer.js';

const comment: EventEnvelope = {
  id: randomUUID(),
  stream: 'proposal-comments-1',
  revision: 1,
  position: 9,
  type: 'governance.CommentPosted',
  schemaVersion: 1,
  data: { commentId: randomUUID(), proposalId: randomUUID(), parentId: randomUUID(), authorId: randomUUID(), body: 'Agreed.' },
  meta: { actor: 'm', correlationId: 'c', causationId: 'c', occurredAt: '2026-04-01T09:30:00.000Z' },
};
const headers = { ce_id: comment.id, ce_type: comment.type };

describe('reading an incoming message', () => {
  it('accepts the envelope as decoded JSON, as text or as bytes', () => {
    expect(parseIncoming(comment, headers)).toEqual(comment);
    expect(parseIncoming(canonicalJson(comment), headers)).toEqual(comment);
    expect(parseIncoming(Buffer.from(canonicalJson(comment)), { ce_id: Buffer.from(comment.id), ce_type: Buffer.from(comment.type) })).toEqual(comment);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ['text that is not JSON', 'not json', headers],
    ['truncated JSON', '{"id": ', headers],
    ['a JSON array', [1, 2], headers],
    ['null', null, headers],
    ['no id', { ...comment, id: undefined }, headers],
    ['a negative position', { ...comment, position: -1 }, headers],
    ['a fractional revision', { ...comment, revision: 1.5 }, headers],
    ['data that is not an object', { ...comment, data: 'x' }, headers],
    ['meta without occurredAt', { ...comment, meta: { actor: 'm' } }, headers],
    ['a ce_id header naming another event', comment, { ...headers, ce_id: randomUUID() }],
    ['no ce_type header', comment, { ce_id: comment.id }],
  ])('refuses %s as malformed', (_, value, h) => {
    expect(() => parseIncoming(value, h)).toThrow(MalformedMessage);
  });
});

describe('an incoming event checked against the registry', () => {
  it('a known type with valid data is accepted', () => {
    expect(readEvent(comment, headers)).toEqual(comment);
  });

  it('a known type whose data breaks its schema is malformed', () => {
    expect(() => readEvent({ ...comment, data: { commentId: 'x' } }, headers)).toThrow(MalformedMessage);
  });

  it('a schema version this build does not know is malformed', () => {
    expect(() => readEvent({ ...comment, schemaVersion: 99 }, headers)).toThrow(MalformedMessage);
  });

  it('a type this build does not know passes through untouched (no one is notified of it)', () => {
    const future = { ...comment, type: 'governance.SomethingNew', data: { any: 'thing' } };
    expect(readEvent(future, { ce_id: future.id, ce_type: future.type })).toEqual(future);
  });
});
