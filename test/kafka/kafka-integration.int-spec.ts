import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import request from 'supertest';
import { postCommentSignedFields } from '../../src/commands/governance/post-comment/post-comment.handler.js';
import { canonicalJson } from '../../src/events/canonical.js';
import type { EventEnvelope, NewEvent } from '../../src/events/envelope.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { ensureTopics } from '../../src/integration/kafka/kafka-client.js';
import { connectKafkaConsumer } from '../../src/integration/kafka/kafka-consumer.js';
import { auth, draft, open, vote } from '../api/api-helpers.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { KafkaTestBroker } from './support/kafka-broker.js';

/**
 * The Kafka path against a real broker: the forwarder publishes the global order, the
 * notifications consumer (Kafka transport of @nestjs/microservices) builds members'
 * notifications. Without KAFKA_BROKERS the file starts its own single-node KRaft broker.
 */
const WAIT_MS = 120_000;
const GOVERNANCE = 'civic.governance';

let broker: KafkaTestBroker | undefined;
let brokers: string[];
let t: TestApp;
let store: EventStore;
let observer: Consumer;
const origin = `kafka-test-${randomUUID().slice(0, 8)}.example/ledger`;
/** Every message of this instance the observer consumer saw, in the order of each partition. */
const observed: { topic: string; key: string; headers: Record<string, string>; value: string }[] = [];

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const text = (headers: IHeaders): Record<string, string> => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));

beforeAll(async () => {
  if (process.env.KAFKA_BROKERS) brokers = process.env.KAFKA_BROKERS.split(',');
  else {
    broker = await KafkaTestBroker.start();
    brokers = broker.brokers;
  }
  t = await startTestApp({
    KAFKA_BROKERS: brokers.join(','),
    LEDGER_ORIGIN: origin,
    KAFKA_CLIENT_ID: `civic-test-${randomUUID().slice(0, 8)}`,
    KAFKA_CONSUMER_GROUP: `civic-test-notifications-${randomUUID()}`,
  });
  expect(await connectKafkaConsumer(t.app, t.config)).toBe(true);
  await t.app.startAllMicroservices();
  await t.app.listen(0, '127.0.0.1');
  store = t.app.get<EventStore>(EVENT_STORE);

  const kafka = new Kafka({ clientId: 'civic-test-observer', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [GOVERNANCE]);
  await admin.disconnect();
  observer = kafka.consumer({ groupId: `civic-test-observer-${randomUUID()}`, retry: { retries: 30, maxRetryTime: 2_000 } });
  await observer.connect();
  await observer.subscribe({ topic: GOVERNANCE, fromBeginning: true });
  await observer.run({
    eachMessage: async ({ topic, message }) => {
      const headers = text(message.headers ?? {});
      if (headers.ce_source !== origin) return;
      observed.push({ topic, key: message.key!.toString(), headers, value: message.value!.toString() });
    },
  });
});

afterAll(async () => {
  await observer?.disconnect();
  await t?.close();
  await broker?.stop();
});

const META = { actor: 'system', correlationId: 'kafka-test', causationId: 'kafka-test', occurredAt: '2026-05-01T10:00:00.000Z' };

/** A thread of comments on one proposal where each replies to the one before, by alternating authors. */
function thread(length: number, authors: readonly string[]): { stream: string; events: NewEvent[] } {
  const proposalId = randomUUID();
  const commentIds = Array.from({ length }, () => randomUUID());
  return {
    stream: `proposal-comments-${proposalId}`,
    events: commentIds.map((commentId, i) => ({
      id: randomUUID(),
      type: 'governance.CommentPosted',
      schemaVersion: 1,
      data: { commentId, proposalId, parentId: i === 0 ? null : commentIds[i - 1]!, authorId: authors[i % authors.length]!, body: `comment ${i}` },
      meta: META,
    })),
  };
}

async function forwarderPosition(): Promise<number> {
  const { rows } = await t.db.pool.query<{ position: string }>(`SELECT position FROM projections.checkpoints WHERE name = 'kafka-forwarder'`);
  return Number(rows[0]?.position ?? -1);
}

async function inboxed(eventIds: readonly string[]): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM read_models.notification_inbox WHERE event_id = ANY($1::uuid[])', [eventIds]);
  return rows[0]!.n;
}

async function notificationsOf(eventIds: readonly string[]): Promise<{ event_id: string; recipient_id: string; kind: string }[]> {
  const { rows } = await t.db.pool.query<{ event_id: string; recipient_id: string; kind: string }>(
    'SELECT event_id, recipient_id, kind FROM read_models.notifications WHERE event_id = ANY($1::uuid[]) ORDER BY position',
    [eventIds],
  );
  return rows;
}

describe('the forwarder', () => {
  it('publishes every event to its domain topic, keyed by stream, with CloudEvents binary-mode headers and the envelope as value', async () => {
    const { stream, events } = thread(3, [randomUUID(), randomUUID()]);
    await store.append(stream, events, 'noStream');
    await waitFor('the three events on the topic', () => observed.filter((m) => m.key === stream).length >= 3);
    const stored = await store.readStream(stream);
    const messages = observed.filter((m) => m.key === stream);
    expect(messages.map((m) => m.topic)).toEqual([GOVERNANCE, GOVERNANCE, GOVERNANCE]);
    messages.forEach((message, i) => {
      const event = stored[i]!;
      expect(message.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_type: 'governance.CommentPosted',
        ce_source: origin,
        ce_time: META.occurredAt,
        ce_subject: stream,
        'content-type': 'application/json',
      });
      expect(message.value).toBe(canonicalJson(event));
    });
    // The checkpoint moved past them (it moves only after the broker acknowledged).
    await waitFor('the forwarder checkpoint', async () => (await forwarderPosition()) > stored[2]!.position);
  });
});

describe('the notifications consumer', () => {
  let steward: TestMember;
  let alice: TestMember;
  let bob: TestMember;

  beforeAll(async () => {
    const built = await community(t, 2);
    steward = built.steward;
    [alice, bob] = built.members as [TestMember, TestMember];
  });

  const notifications = (member: TestMember) => request(t.server).get('/api/members/me/notifications').set(auth(member)).expect(200);

  it('a reply to your comment, posted through the API, becomes your notification at GET /api/members/me/notifications', async () => {
    const proposalId = await draft(t, steward);
    const post = async (member: TestMember, body: string, parentId: string | null) => {
      const commentId = randomUUID();
      const fields = { proposalId, commentId, parentId, body };
      await request(t.server)
        .post(`/api/proposals/${proposalId}/comments`)
        .set(auth(member))
        .send({ commentId, parentId, body, act: actFor(t, member, 'governance.PostComment', postCommentSignedFields(fields)) })
        .expect(201);
      return commentId;
    };
    const first = await post(alice, 'Twelve trees are too few.', null);
    const reply = await post(bob, 'Then plant twenty.', first);
    await waitFor("alice's notification", async () => (await notifications(alice)).body.total === 1);
    const { body } = await notifications(alice);
    expect(body.items).toEqual([
      { eventId: expect.any(String), kind: 'comment-replied', subject: { proposalId, commentId: reply, parentId: first }, summary: 'Someone replied to your comment.', position: expect.any(Number), occurredAt: expect.any(String) },
    ]);
    // Bob replied to himself? No: he is not notified of his own comment.
    expect((await notifications(bob)).body).toEqual({ items: [], total: 0 });
  });

  it('a contract drafted with you as a party becomes "a contract awaits your signature"', async () => {
    const contractId = randomUUID();
    const drafted: NewEvent = {
      id: randomUUID(),
      type: 'contracts.ContractDrafted',
      schemaVersion: 1,
      data: {
        contractId,
        templateId: randomUUID(),
        templateVersion: 1,
        draftedBy: alice.memberId,
        parties: [
          { memberId: alice.memberId, role: 'lender' },
          { memberId: bob.memberId, role: 'borrower' },
        ],
        signingOrder: 'parallel',
        visibility: 'private',
        documentSha256: createHash('sha256').update('the loan agreement').digest('hex'),
      },
      meta: { ...META, actor: alice.memberId },
    };
    await store.append(`contract-${contractId}`, [drafted], 'noStream');
    const awaiting = async (member: TestMember) =>
      ((await notifications(member)).body.items as { kind: string; subject: { contractId?: string } }[]).filter((n) => n.kind === 'contract-awaits-signature' && n.subject.contractId === contractId);
    await waitFor("bob's contract notification", async () => (await awaiting(bob)).length === 1);
    expect(await awaiting(bob)).toEqual([expect.objectContaining({ eventId: drafted.id, summary: 'A contract awaits your signature.' })]);
    // The drafter is a party too, but drafting it was her own act.
    expect(await awaiting(alice)).toEqual([]);
  });

  it('your proposal closing, through the API, becomes "your proposal closed" with its result', async () => {
    const proposalId = await draft(t, alice, { quorumBps: 0, thresholdBps: 5000, allowVoteChange: false });
    await open(t, steward, proposalId);
    await vote(t, bob, proposalId, 'yes').expect(201);
    t.clock.advance(3600_000);
    await request(t.server).post(`/api/proposals/${proposalId}/close`).expect(201);
    const closed = async () => ((await notifications(alice)).body.items as { kind: string; subject: { proposalId?: string } }[]).filter((n) => n.kind === 'proposal-closed' && n.subject.proposalId === proposalId);
    await waitFor("alice's proposal-closed notification", async () => (await closed()).length === 1);
    expect(await closed()).toEqual([expect.objectContaining({ subject: { proposalId, result: 'passed' }, summary: 'Your proposal closed: passed (yes 1, no 0, abstain 0).' })]);
  });

  it('needs a valid access token', async () => {
    await request(t.server).get('/api/members/me/notifications').expect(401);
    await request(t.server).get('/api/members/me/notifications').set('Authorization', 'Bearer nonsense').expect(401);
  });

  it('a redelivered message changes nothing: the event id is the key', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const { stream, events } = thread(2, [a, b]);
    await store.append(stream, events, 'noStream');
    const ids = events.map((e) => e.id);
    await waitFor('both events received', async () => (await inboxed(ids)) === 2);
    expect(await notificationsOf(ids)).toEqual([{ event_id: ids[1], recipient_id: a, kind: 'comment-replied' }]);
    // Deliver both again, as a producer retry or a rebalance would, then a marker on the same partition.
    const redelivered = observed.filter((m) => m.key === stream);
    expect(redelivered).toHaveLength(2);
    const kafka = new Kafka({ clientId: 'civic-test-redeliver', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const marker = thread(1, [a]);
    const markerEnvelope: EventEnvelope = { ...marker.events[0]!, stream, revision: 99, position: 1_000_000 };
    await producer.send({
      topic: GOVERNANCE,
      messages: [
        ...redelivered.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        { key: stream, value: canonicalJson(markerEnvelope), headers: { ce_id: markerEnvelope.id, ce_type: markerEnvelope.type } },
      ],
    });
    await producer.disconnect();
    await waitFor('the marker received', async () => (await inboxed([markerEnvelope.id])) === 1);
    expect(await notificationsOf(ids)).toEqual([{ event_id: ids[1], recipient_id: a, kind: 'comment-replied' }]);
    expect(await inboxed(ids)).toBe(2);
  });

  it('malformed messages are logged and skipped; the consumer goes on with the next message', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const { stream, events } = thread(2, [a, b]);
    const valid: EventEnvelope = { ...events[1]!, stream, revision: 1, position: 2_000_000 };
    const forgedId = randomUUID();
    const kafka = new Kafka({ clientId: 'civic-test-malformed', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: GOVERNANCE,
      messages: [
        { key: stream, value: 'not json at all' },
        { key: stream, value: '{"truncated": ' },
        { key: stream, value: null },
        { key: stream, value: Buffer.from([0, 1, 2, 3]) },
        { key: stream, value: JSON.stringify([1, 2, 3]) },
        { key: stream, value: JSON.stringify({ id: forgedId, stream }), headers: { ce_id: forgedId } },
        // Well-formed but its headers name another event.
        { key: stream, value: canonicalJson({ ...valid, id: forgedId }), headers: { ce_id: randomUUID(), ce_type: valid.type } },
        // Well-formed envelope whose data breaks the event's schema.
        { key: stream, value: canonicalJson({ ...valid, id: forgedId, data: { commentId: 'x' } }), headers: { ce_id: forgedId, ce_type: valid.type } },
        // Then the real thread: the consumer must still be there to build the reply's notification.
        ...[{ ...events[0]!, stream, revision: 0, position: 1_999_999 }, valid].map((e) => ({ key: stream, value: canonicalJson(e), headers: { ce_id: e.id, ce_type: e.type } })),
      ],
    });
    await producer.disconnect();
    await waitFor('the valid events after the malformed ones', async () => (await inboxed(events.map((e) => e.id))) === 2);
    expect(await inboxed([forgedId])).toBe(0);
    expect(await notificationsOf(events.map((e) => e.id))).toEqual([{ event_id: valid.id, recipient_id: a, kind: 'comment-replied' }]);
  });
});

// Only on the broker this file started: a broker named by KAFKA_BROKERS is not ours to stop.
if (process.env.KAFKA_BROKERS) {
  console.log('kafka-integration: the broker outage test was not run: KAFKA_BROKERS points at a broker this test does not own');
} else {
  describe('a broker outage while events are being forwarded', () => {
    it('after the restart every event arrives, in stream order, and every notification exists exactly once', async () => {
      const THREADS = 6;
      const LENGTH = 40;
      const authors = [randomUUID(), randomUUID()];
      const threads = Array.from({ length: THREADS }, () => thread(LENGTH, authors));
      const allIds = threads.flatMap((th) => th.events.map((e) => e.id));
      // Writers append one event at a time per thread, in three phases: while the broker is up and
      // the forwarder is sending, while it is stopped, and after it is back.
      const appendRange = (from: number, to: number) =>
        Promise.all(
          threads.map(async ({ stream, events }) => {
            for (let i = from; i < to; i += 1) {
              await store.append(stream, [events[i]!], i === 0 ? 'noStream' : i - 1);
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }),
        );
      const forwarded = () => new Set(observed.filter((m) => allIds.includes(m.headers.ce_id!)).map((m) => m.headers.ce_id)).size;
      const firstPhase = appendRange(0, 15);
      await waitFor('some events forwarded', () => forwarded() >= 10);
      await broker!.pause();
      await firstPhase;
      // Every event from here on is appended while no broker runs: none can be acknowledged.
      const firstWhileDown = await store.headPosition();
      await appendRange(15, 30);
      const forwardedWhileDown = forwarded();
      expect(forwardedWhileDown).toBeLessThan(THREADS * 30);
      // The checkpoint moves only after an acknowledgement: it has not passed them.
      expect(await forwarderPosition()).toBeLessThanOrEqual(firstWhileDown);
      await broker!.resume();
      await appendRange(30, LENGTH);

      const head = await store.headPosition();
      await waitFor('the forwarder to reach the head', async () => (await forwarderPosition()) >= head);
      await waitFor('every event on the topic', () => new Set(observed.filter((m) => allIds.includes(m.headers.ce_id!)).map((m) => m.headers.ce_id)).size === allIds.length);
      await waitFor('every event received by the consumer', async () => (await inboxed(allIds)) === allIds.length);

      // In stream order: a retry after the outage may send a batch again, so a stream's messages are
      // its events in order, possibly with an already-sent run repeated; first arrivals are in order.
      for (const { stream, events } of threads) {
        const firstArrivals: string[] = [];
        for (const message of observed.filter((m) => m.key === stream)) if (!firstArrivals.includes(message.headers.ce_id!)) firstArrivals.push(message.headers.ce_id!);
        expect(firstArrivals).toEqual(events.map((e) => e.id));
        const revisions = observed.filter((m) => m.key === stream).map((m) => (JSON.parse(m.value) as EventEnvelope).revision);
        revisions.forEach((revision, i) => {
          if (i > 0) expect(revision <= revisions[i - 1]! + 1).toBe(true);
        });
      }
      // Exactly once: one notification per reply, for the author of the comment replied to.
      const rows = await notificationsOf(allIds);
      expect(rows).toHaveLength(THREADS * (LENGTH - 1));
      expect(new Set(rows.map((r) => r.event_id)).size).toBe(rows.length);
      const expected = threads.flatMap(({ events }) => events.slice(1).map((e, i) => ({ event_id: e.id, recipient_id: authors[i % 2]!, kind: 'comment-replied' })));
      expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(new Set(expected.map((r) => JSON.stringify(r))));
    });
  });
}
