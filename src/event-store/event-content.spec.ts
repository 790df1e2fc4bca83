import { canonicalBytes } from '../events/canonical.js';
import type { NewEvent } from '../events/envelope.js';
import { MAX_EVENT_BYTES } from '../events/envelope.js';
import { encodeEvent, entryText, envelopeBytes, envelopeSize } from './event-content.js';
import { EventTooLargeError } from './event-store.port.js';

const meta = { actor: 'm-1', correlationId: 'c-1', causationId: 'c-1', occurredAt: '2026-01-01T00:00:00.000Z' };

function event(data: unknown, act?: NewEvent['act']): NewEvent {
  return { id: '01890000-0000-7000-8000-000000000001', type: 'governance.VoteCast', schemaVersion: 1, data, meta, ...(act ? { act } : {}) };
}

/** What the limit is defined on: the RFC 8785 envelope, counted at the widest revision. */
function canonicalSize(stream: string, e: NewEvent): number {
  return canonicalBytes({ ...e, stream, revision: Number.MAX_SAFE_INTEGER }).length;
}

describe('the ledger entry of an event', () => {
  it.each([
    ['without an act', event({ b: 1, a: 'x', c: [1, 2.5, -0.125, 1e21, null, true], n: { z: 1, y: 'मतदान — “vote” \u2028 \u0007 😀' } })],
    ['with an act', event({ a: 1 }, { command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k', choice: 'yes' }, signature: 'sig' })],
  ])('assembled from the stored pieces is byte for byte the canonical envelope (%s)', (_, e) => {
    const text = entryText('proposal-1', 41, e, encodeEvent('proposal-1', e));
    expect(Buffer.from(text, 'utf8')).toEqual(envelopeBytes({ ...e, stream: 'proposal-1', revision: 41, position: 7 }));
  });
});

describe('the size of an event', () => {
  it.each([
    ['ascii', { b: 1, a: 'x', c: [1, 2.5, -0.125, 1e21, null, true] }],
    ['non-ascii text and escapes', { title: 'मतदान — “vote” \u2028 \u0007 😀', n: 1e-7 }],
    ['nested objects in any key order', { z: { y: { x: [{ b: 1, a: 2 }] } }, a: '' }],
  ])('is the canonical envelope byte length without encoding it canonically (%s)', (_, data) => {
    const e = event(data);
    expect(envelopeSize('proposal-1', e, encodeEvent('proposal-1', e))).toBe(canonicalSize('proposal-1', e));
  });

  it('counts the act when there is one', () => {
    const e = event({ a: 1 }, { command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k', choice: 'yes' }, signature: 'sig' });
    expect(envelopeSize('s', e, encodeEvent('s', e))).toBe(canonicalSize('s', e));
  });

  it('accepts an event of exactly the limit and refuses one byte more', () => {
    const base = canonicalSize('s', event({ pad: '' }));
    const fits = event({ pad: 'x'.repeat(MAX_EVENT_BYTES - base) });
    expect(canonicalSize('s', fits)).toBe(MAX_EVENT_BYTES);
    expect(() => encodeEvent('s', fits)).not.toThrow();
    expect(() => encodeEvent('s', event({ pad: 'x'.repeat(MAX_EVENT_BYTES - base + 1) }))).toThrow(EventTooLargeError);
  });
});
