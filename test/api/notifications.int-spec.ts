import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { receiveEvent } from '../../src/read-models/notifications/notifications-store.js';
import { auth, expectProblem } from './api-helpers.js';
import { registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /api/members/me/notifications without Kafka (the default: KAFKA_BROKERS unset). How
 * notifications arrive through Kafka is test/kafka/kafka-integration.int-spec.ts.
 */
let t: TestApp;
let member: TestMember;

beforeAll(async () => {
  t = await startTestApp();
  member = await registerMember(t);
});
afterAll(async () => {
  await t.close();
});

const list = (query: string) => request(t.server).get(`/api/members/me/notifications${query}`).set(auth(member));

it('is an empty page for a member with none', async () => {
  expect((await list('').expect(200)).body).toEqual({ items: [], total: 0 });
});

it('lists only your own, newest first, in pages; an event received twice notifies once', async () => {
  const other = await registerMember(t);
  // What the Kafka consumer hands the read model: contracts drafted by `other` with `member` as a party.
  const drafted = (position: number): EventEnvelope => ({
    id: randomUUID(),
    stream: `contract-${position}`,
    revision: 0,
    position,
    type: 'contracts.ContractDrafted',
    schemaVersion: 1,
    data: {
      contractId: randomUUID(),
      templateId: randomUUID(),
      templateVersion: 1,
      draftedBy: other.memberId,
      parties: [
        { memberId: other.memberId, role: 'lender' },
        { memberId: member.memberId, role: 'borrower' },
      ],
      signingOrder: 'parallel',
      visibility: 'private',
      documentSha256: 'a'.repeat(64),
    },
    meta: { actor: other.memberId, correlationId: 'c', causationId: 'c', occurredAt: '2026-05-01T10:00:00.000Z' },
  });
  const events = [10, 11, 12].map(drafted);
  for (const event of events) expect(await receiveEvent(t.db.pool, event)).toBe(1);
  expect(await receiveEvent(t.db.pool, events[0]!)).toBe('duplicate');

  const first = (await list('?limit=2').expect(200)).body;
  expect(first.total).toBe(3);
  expect(first.items.map((n: { position: number }) => n.position)).toEqual([12, 11]);
  expect(first.items[0]).toEqual({
    eventId: events[2]!.id,
    kind: 'contract-awaits-signature',
    subject: { contractId: (events[2]!.data as { contractId: string }).contractId },
    summary: 'A contract awaits your signature.',
    position: 12,
    occurredAt: '2026-05-01T10:00:00.000Z',
  });
  const second = (await list('?limit=2&offset=2').expect(200)).body;
  expect(second).toEqual({ items: [expect.objectContaining({ eventId: events[0]!.id, position: 10 })], total: 3 });
  // The drafter is a party too, but drafting was her own act.
  expect((await request(t.server).get('/api/members/me/notifications').set(auth(other)).expect(200)).body).toEqual({ items: [], total: 0 });
});

it.each([
  ['?limit=0', ['limit']],
  ['?limit=201', ['limit']],
  ['?limit=ten', ['limit']],
  ['?offset=-1', ['offset']],
  // No position to wait for: the read model follows Kafka, not the log.
  ['?atPosition=3', ['atPosition']],
  ['?recipient=someone-else', ['recipient']],
])('refuses %s with a 400 naming the field', async (query, fields) => {
  expectProblem(await list(query), 400, 'validation', fields);
});
