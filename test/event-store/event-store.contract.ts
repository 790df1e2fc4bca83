import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope, NewEvent } from '../../src/events/envelope.js';
import {
  EventIdConflictError,
  EventTooLargeError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Subscription,
} from '../../src/event-store/event-store.port.js';

/**
 * The one test suite every event store adapter passes (DESIGN §3, §11).
 *
 * `setup` gives a store on an EMPTY store (nothing appended yet), and `openAnother` a second,
 * independent instance on the same storage, standing in for another process. Instances from
 * `openAnother` are closed by the suite; `teardown` releases whatever the adapter still holds.
 * Tests share the one store: each writes its own streams and reads from positions it observed.
 */
export interface EventStoreFixture {
  store: EventStore;
  openAnother(): Promise<EventStore>;
  teardown(): Promise<void>;
}

const META = { actor: 'member-0190a8f2', correlationId: 'corr-1', causationId: 'cause-1', occurredAt: '2026-03-01T12:00:00.000Z' };
const BIG = 1_000_000;
/** Upper bound of every bounded wait; reaching it fails the test, it is never a timing assertion. */
const WAIT_MS = 15_000;

function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: uuidv7(),
    type: 'governance.VoteCast',
    schemaVersion: 1,
    data: { proposalId: 'p-1', choice: 'yes', weight: 1 },
    meta: META,
    ...overrides,
  };
}

function events(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent({ data: { i }, ...overrides }));
}

function streamName(label: string): string {
  return `contract-${label}-${uuidv7()}`;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Iterates a subscription in the background, keeping what it yields. */
function collect(subscription: Subscription) {
  const seen: EventEnvelope[] = [];
  const state = { done: false, error: undefined as unknown };
  const finished = (async () => {
    try {
      for await (const event of subscription) seen.push(event);
    } catch (error) {
      state.error = error;
    } finally {
      state.done = true;
    }
  })();
  return {
    seen,
    state,
    finished,
    async until(count: number): Promise<void> {
      await waitFor(`${count} events from the subscription (have ${seen.length})`, () => seen.length >= count || state.done);
      if (state.error) throw state.error;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

function stripped(envelope: EventEnvelope) {
  return { id: envelope.id, stream: envelope.stream, revision: envelope.revision, position: envelope.position };
}

export function eventStoreContract(adapterName: string, setup: () => Promise<EventStoreFixture>): void {
  describe(`event store contract: ${adapterName}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.teardown();
    });

    /** A second instance for one test, closed at its end whatever happens. */
    async function withAnother<T>(body: (other: EventStore) => Promise<T>): Promise<T> {
      const other = await fixture.openAnother();
      try {
        return await body(other);
      } finally {
        await other.close();
      }
    }

    /** Asserts that nothing was written: the head and the stream are as before. */
    async function expectNothingWritten(head: number, stream: string, streamLength: number): Promise<void> {
      expect(await store.headPosition()).toBe(head);
      expect(await store.readAll(head, 10)).toEqual([]);
      expect(await store.readStream(stream)).toHaveLength(streamLength);
    }

    describe('headPosition', () => {
      it('is 0 on an empty store', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll(0, 10)).toEqual([]);
      });

      it('is the position the next event gets, and counts every visible event', async () => {
        const head = await store.headPosition();
        const result = await store.append(streamName('head'), events(3), 'noStream');
        expect(result.positions).toEqual(range(head, 3));
        expect(await store.headPosition()).toBe(head + 3);
        expect(await store.readAll(0, BIG)).toHaveLength(head + 3);
      });

      it('is the same seen from another instance', async () => {
        await store.append(streamName('head'), events(2), 'any');
        await withAnother(async (other) => expect(await other.headPosition()).toBe(await store.headPosition()));
      });
    });

    describe('append and expected revision', () => {
      it('noStream creates a stream at revision 0, with the full envelope stored', async () => {
        const stream = streamName('new');
        const head = await store.headPosition();
        const event = newEvent({
          type: 'governance.ProposalOpened',
          schemaVersion: 2,
          data: { title: 'Bike sheds', options: ['red', 'blue'], quorum: 0.5, nested: { a: [1, { b: null }] } },
          act: { command: { command: 'governance.OpenProposal', actor: META.actor, keyId: 'k-1', nonce: 'n-1' }, signature: 'c2lnbmF0dXJl' },
        });
        expect(await store.append(stream, [event], 'noStream')).toEqual({ nextRevision: 0, positions: [head] });
        const expected: EventEnvelope = { ...event, stream, revision: 0, position: head };
        expect(await store.readStream(stream)).toEqual([expected]);
        expect(await store.readAll(head, 10)).toEqual([expected]);
      });

      it('an event without an act is read back without one', async () => {
        const stream = streamName('no-act');
        await store.append(stream, [newEvent()], 'noStream');
        const [read] = await store.readStream(stream);
        expect(read).toBeDefined();
        expect(read!.act).toBeUndefined();
      });

      it('noStream on an existing stream raises WrongExpectedRevisionError with the actual revision, writing nothing', async () => {
        const stream = streamName('exists');
        await store.append(stream, events(3), 'noStream');
        const head = await store.headPosition();
        const error = await rejection(store.append(stream, [newEvent()], 'noStream'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 'noStream', actual: 2 });
        await expectNothingWritten(head, stream, 3);
      });

      it("exists on a missing stream raises WrongExpectedRevisionError with actual 'noStream'", async () => {
        const stream = streamName('missing');
        const head = await store.headPosition();
        const error = await rejection(store.append(stream, [newEvent()], 'exists'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 'exists', actual: 'noStream' });
        await expectNothingWritten(head, stream, 0);
      });

      it('exists on an existing stream appends after its last event', async () => {
        const stream = streamName('exists');
        await store.append(stream, events(2), 'noStream');
        const result = await store.append(stream, events(2), 'exists');
        expect(result.nextRevision).toBe(3);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('an exact revision appends when it is the revision of the last event', async () => {
        const stream = streamName('exact');
        expect((await store.append(stream, events(1), 'noStream')).nextRevision).toBe(0);
        expect((await store.append(stream, events(2), 0)).nextRevision).toBe(2);
        expect((await store.append(stream, events(1), 2)).nextRevision).toBe(3);
      });

      it.each<[string, ExpectedRevision]>([
        ['a stale', 1],
        ['a future', 5],
      ])('%s exact revision raises WrongExpectedRevisionError with the actual revision, writing nothing', async (_, expected) => {
        const stream = streamName('stale');
        await store.append(stream, events(3), 'noStream');
        const head = await store.headPosition();
        const error = await rejection(store.append(stream, events(2), expected));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected, actual: 2 });
        await expectNothingWritten(head, stream, 3);
      });

      it("an exact revision on a missing stream raises WrongExpectedRevisionError with actual 'noStream'", async () => {
        const stream = streamName('missing');
        const error = await rejection(store.append(stream, [newEvent()], 0));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 0, actual: 'noStream' });
      });

      it('any appends to a missing and to an existing stream', async () => {
        const stream = streamName('any');
        expect((await store.append(stream, events(1), 'any')).nextRevision).toBe(0);
        expect((await store.append(stream, events(2), 'any')).nextRevision).toBe(2);
      });

      it('of two instances racing on one exact revision, exactly one wins and the other learns the actual revision', async () => {
        const stream = streamName('race');
        await store.append(stream, events(1), 'noStream');
        await withAnother(async (other) => {
          const outcomes = await Promise.allSettled([store.append(stream, events(1), 0), other.append(stream, events(1), 0)]);
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost[0]!.reason).toMatchObject({ expected: 0, actual: 1 });
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('an empty append writes nothing and returns the current revision', async () => {
        const stream = streamName('empty');
        await store.append(stream, events(2), 'noStream');
        const head = await store.headPosition();
        expect(await store.append(stream, [], 1)).toEqual({ nextRevision: 1, positions: [] });
        expect(await store.headPosition()).toBe(head);
      });
    });

    describe('atomic appends', () => {
      it('a multi-event append gets consecutive revisions and positions', async () => {
        const stream = streamName('multi');
        const batch = events(5);
        const head = await store.headPosition();
        expect(await store.append(stream, batch, 'noStream')).toEqual({ nextRevision: 4, positions: range(head, 5) });
        expect((await store.readStream(stream)).map(stripped)).toEqual(batch.map((e, i) => ({ id: e.id, stream, revision: i, position: head + i })));
      });

      it('concurrent multi-event appends from two instances are never interleaved', async () => {
        await withAnother(async (other) => {
          const appends = Array.from({ length: 20 }, (_, i) => ({ stream: streamName(`batch-${i}`), events: events(5) }));
          const results = await Promise.all(appends.map((a, i) => (i % 2 ? other : store).append(a.stream, a.events, 'noStream')));
          results.forEach((result, i) => {
            expect(result.nextRevision).toBe(4);
            expect(result.positions).toEqual(range(result.positions[0]!, 5));
            expect(appends[i]).toBeDefined();
          });
          const first = Math.min(...results.map((r) => r.positions[0]!));
          const all = await store.readAll(first, 100);
          for (const [i, result] of results.entries()) {
            expect(all.filter((e) => result.positions.includes(e.position)).map((e) => e.id)).toEqual(appends[i]!.events.map((e) => e.id));
          }
        });
      });

      it('a multi-event append whose last event conflicts writes none of its events', async () => {
        const stream = streamName('atomic');
        const stored = newEvent({ data: { v: 1 } });
        await store.append(stream, [stored], 'noStream');
        const head = await store.headPosition();
        const error = await rejection(store.append(stream, [...events(3), { ...stored, data: { v: 2 } }], 'any'));
        expect(error).toBeInstanceOf(EventIdConflictError);
        await expectNothingWritten(head, stream, 1);
      });

      it('a multi-event append with a wrong expected revision writes none of its events', async () => {
        const stream = streamName('atomic');
        const head = await store.headPosition();
        await expect(store.append(stream, events(4), 'exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expectNothingWritten(head, stream, 0);
      });
    });

    describe('idempotent event ids', () => {
      it('appending stored ids with the same content is a no-op returning the original positions and nextRevision', async () => {
        const stream = streamName('replay');
        const batch = events(3);
        await store.append(stream, events(2), 'noStream');
        const first = await store.append(stream, batch, 1);
        expect(first.nextRevision).toBe(4);
        await store.append(stream, events(2), 4);
        const head = await store.headPosition();
        // A retry carries the expected revision of the first attempt, stale by now.
        expect(await store.append(stream, batch, 1)).toEqual(first);
        expect(await store.append(stream, batch, 'any')).toEqual(first);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(stream)).toHaveLength(7);
      });

      it('a replay through another instance returns the original positions too', async () => {
        const stream = streamName('replay');
        const batch = events(2);
        const first = await store.append(stream, batch, 'noStream');
        await withAnother(async (other) => expect(await other.append(stream, batch, 'noStream')).toEqual(first));
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('the same event appended concurrently by two instances is stored once', async () => {
        const stream = streamName('replay');
        const event = newEvent();
        await withAnother(async (other) => {
          const [a, b] = await Promise.all([store.append(stream, [event], 'noStream'), other.append(stream, [event], 'noStream')]);
          expect(a).toEqual(b);
        });
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual([event.id]);
      });

      it.each<[string, (e: NewEvent) => NewEvent]>([
        ['data', (e) => ({ ...e, data: { proposalId: 'p-1', choice: 'no', weight: 1 } })],
        ['type', (e) => ({ ...e, type: 'governance.VoteWithdrawn' })],
        ['meta', (e) => ({ ...e, meta: { ...e.meta, occurredAt: '2026-03-01T12:00:01.000Z' } })],
      ])('the same id with different %s raises EventIdConflictError and writes nothing', async (_, change) => {
        const stream = streamName('conflict');
        const original = newEvent();
        await store.append(stream, [original], 'noStream');
        const head = await store.headPosition();
        const error = await rejection(store.append(stream, [change(original)], 'any'));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect(error).toMatchObject({ eventId: original.id });
        await expectNothingWritten(head, stream, 1);
        expect(await store.readStream(stream)).toEqual([{ ...original, stream, revision: 0, position: head - 1 }]);
      });

      it('the same id on another stream raises EventIdConflictError', async () => {
        const event = newEvent();
        await store.append(streamName('conflict'), [event], 'noStream');
        const other = streamName('conflict');
        const head = await store.headPosition();
        await expect(store.append(other, [event], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
        await expectNothingWritten(head, other, 0);
      });

      it('the same id twice in one append raises EventIdConflictError, writes nothing, and spares concurrent appends', async () => {
        const stream = streamName('twice');
        const event = newEvent();
        const bystanders = Array.from({ length: 6 }, () => streamName('bystander'));
        const outcomes = await Promise.allSettled([
          ...bystanders.slice(0, 3).map((s) => store.append(s, events(1), 'noStream')),
          store.append(stream, [event, event], 'noStream'),
          ...bystanders.slice(3).map((s) => store.append(s, events(1), 'noStream')),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(stream)).toEqual([]);
        for (const s of bystanders) expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    describe('event size', () => {
      const payload = (chars: number) => ({ text: 'x'.repeat(chars) });

      it('an event over 32 KiB encoded raises EventTooLargeError and nothing is written', async () => {
        const stream = streamName('large');
        await store.append(stream, events(1), 'noStream');
        const head = await store.headPosition();
        const large = newEvent({ data: payload(32 * 1024) });
        const error = await rejection(store.append(stream, [large], 'any'));
        expect(error).toBeInstanceOf(EventTooLargeError);
        expect(error).toMatchObject({ eventId: large.id });
        expect((error as EventTooLargeError).bytes).toBeGreaterThan(32 * 1024);
        await expectNothingWritten(head, stream, 1);
      });

      it('one oversized event fails the whole append', async () => {
        const stream = streamName('large');
        const head = await store.headPosition();
        await expect(store.append(stream, [...events(2), newEvent({ data: payload(40_000) }), ...events(1)], 'noStream')).rejects.toBeInstanceOf(EventTooLargeError);
        await expectNothingWritten(head, stream, 0);
      });

      it('an event just under the limit is stored whole', async () => {
        const stream = streamName('large');
        const event = newEvent({ data: payload(31 * 1024) });
        await store.append(stream, [event], 'noStream');
        expect((await store.readStream(stream))[0]!.data).toEqual(event.data);
      });
    });

    describe('readStream', () => {
      it('returns the events of one stream in revision order, from a revision', async () => {
        const stream = streamName('read');
        const batch = events(5);
        await store.append(stream, batch.slice(0, 2), 'noStream');
        await store.append(streamName('other'), events(2), 'noStream');
        await store.append(stream, batch.slice(2), 1);
        const all = await store.readStream(stream);
        expect(all.map((e) => [e.id, e.revision])).toEqual(batch.map((e, i) => [e.id, i]));
        expect(all.every((e) => e.stream === stream)).toBe(true);
        expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
        expect((await store.readStream(stream, 3)).map((e) => e.revision)).toEqual([3, 4]);
        expect(await store.readStream(stream, 0)).toEqual(all);
        expect(await store.readStream(stream, 5)).toEqual([]);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(streamName('none'))).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global order from a position, at most maxCount events', async () => {
        const head = await store.headPosition();
        const written = [...events(4), ...events(3)];
        const [a, b] = [streamName('all'), streamName('all')];
        await store.append(a, written.slice(0, 4), 'noStream');
        await store.append(b, written.slice(4), 'noStream');
        const page1 = await store.readAll(head, 4);
        const page2 = await store.readAll(head + 4, 4);
        expect(page1.map((e) => e.position)).toEqual(range(head, 4));
        expect(page2.map((e) => e.position)).toEqual(range(head + 4, 3));
        expect([...page1, ...page2].map((e) => e.id)).toEqual(written.map((e) => e.id));
        expect(await store.readAll(head + 2, 1)).toEqual([page1[2]]);
        expect(await store.readAll(head + 7, 10)).toEqual([]);
        expect((await store.readAll(0, BIG)).map((e) => e.position)).toEqual(range(0, head + 7));
      });

      it('with types, returns only those types, counting maxCount over the matches', async () => {
        const head = await store.headPosition();
        const stream = streamName('types');
        const kinds = ['members.MemberJoined', 'governance.VoteCast', 'moderation.ReportFiled', 'governance.VoteCast', 'members.MemberJoined', 'governance.VoteCast'];
        await store.append(stream, kinds.map((type) => newEvent({ type })), 'noStream');
        const votes = await store.readAll(head, 100, { types: ['governance.VoteCast'] });
        expect(votes.map((e) => [e.type, e.position])).toEqual([
          ['governance.VoteCast', head + 1],
          ['governance.VoteCast', head + 3],
          ['governance.VoteCast', head + 5],
        ]);
        const two = await store.readAll(head, 2, { types: ['members.MemberJoined', 'moderation.ReportFiled'] });
        expect(two.map((e) => e.position)).toEqual([head, head + 2]);
        // Resuming after the last match skips the other types in between.
        const rest = await store.readAll(two[1]!.position + 1, 2, { types: ['members.MemberJoined', 'moderation.ReportFiled'] });
        expect(rest.map((e) => e.position)).toEqual([head + 4]);
        expect(await store.readAll(head, 100, { types: ['governance.NoSuchEvent'] })).toEqual([]);
      });
    });

    describe('subscribe', () => {
      it('catches up from a position, then delivers live events', async () => {
        const stream = streamName('sub');
        const head = await store.headPosition();
        const before = events(3);
        await store.append(stream, before, 'noStream');
        const subscription = store.subscribe(head);
        const collected = collect(subscription);
        try {
          await collected.until(3);
          const after = events(3);
          for (const [i, event] of after.entries()) await store.append(stream, [event], 2 + i);
          await collected.until(6);
          expect(collected.seen.map((e) => e.id)).toEqual([...before, ...after].map((e) => e.id));
          expect(collected.seen).toEqual(await store.readAll(head, 100));
        } finally {
          await subscription.close();
        }
        await collected.finished;
        expect(collected.state.error).toBeUndefined();
      });

      it('from the head delivers only new events, including those another instance appends', async () => {
        const head = await store.headPosition();
        const subscription = store.subscribe(head);
        const collected = collect(subscription);
        try {
          await withAnother(async (other) => {
            await other.append(streamName('sub'), events(2), 'noStream');
            await store.append(streamName('sub'), events(1), 'noStream');
            await collected.until(3);
          });
          expect(collected.seen.map((e) => e.position)).toEqual(range(head, 3));
        } finally {
          await subscription.close();
        }
      });

      it('is resumable: a subscription from a checkpoint gets exactly the rest', async () => {
        const stream = streamName('resume');
        const start = await store.headPosition();
        await store.append(stream, events(6), 'noStream');
        const first = store.subscribe(start);
        const firstCollected = collect(first);
        await firstCollected.until(4);
        await first.close();
        await firstCollected.finished;
        const checkpoint = firstCollected.seen[3]!.position + 1;
        await store.append(stream, events(2), 5);
        const second = store.subscribe(checkpoint);
        const secondCollected = collect(second);
        try {
          await secondCollected.until(4);
          await store.append(stream, events(1), 7);
          await secondCollected.until(5);
          const all = await store.readAll(start, 100);
          expect(all).toHaveLength(9);
          expect(firstCollected.seen.slice(0, 4)).toEqual(all.slice(0, 4));
          expect(secondCollected.seen).toEqual(all.slice(4));
        } finally {
          await second.close();
        }
      });

      it('close() ends an iteration that waits for live events', async () => {
        const head = await store.headPosition();
        await store.append(streamName('close'), events(2), 'noStream');
        const subscription = store.subscribe(head);
        const collected = collect(subscription);
        await collected.until(2);
        await subscription.close();
        await waitFor('the iteration to end', () => collected.state.done);
        expect(collected.state.error).toBeUndefined();
        await store.append(streamName('close'), events(1), 'noStream');
        expect(collected.seen).toHaveLength(2);
      });

      it('close() before iterating ends the iteration at once', async () => {
        await store.append(streamName('close'), events(1), 'noStream');
        const subscription = store.subscribe(0);
        await subscription.close();
        const collected = collect(subscription);
        await collected.finished;
        expect(collected.seen).toEqual([]);
        expect(collected.state.error).toBeUndefined();
      });

      it('close() from inside the loop ends it after the current event', async () => {
        const head = await store.headPosition();
        await store.append(streamName('close'), events(5), 'noStream');
        const subscription = store.subscribe(head);
        const seen: EventEnvelope[] = [];
        for await (const event of subscription) {
          seen.push(event);
          if (seen.length === 2) await subscription.close();
        }
        expect(seen.map((e) => e.position)).toEqual(range(head, 2));
      });

      it('breaking out of the loop closes the subscription', async () => {
        const head = await store.headPosition();
        await store.append(streamName('close'), events(3), 'noStream');
        const subscription = store.subscribe(head);
        for await (const event of subscription) {
          expect(event.position).toBe(head);
          break;
        }
        await subscription.close();
      });
    });

    describe('global order under concurrent writers (the ordering proof)', () => {
      const WRITERS = 16;
      const APPENDS = 50;

      it(
        'every subscriber and reader sees every event exactly once, in the stored order, with gap-free positions and revisions',
        async () => {
          await withAnother(async (other) => {
            const instances = [store, other];
            const start = await store.headPosition();
            // Subscribers on both instances, and a plain readAll follower, all started before the writers.
            const subscriptions = instances.map((s) => s.subscribe(start));
            const collectors = subscriptions.map(collect);
            const followed: EventEnvelope[] = [];
            let writing = true;
            const follower = (async () => {
              let next = start;
              for (;;) {
                const stillWriting = writing;
                const page = await other.readAll(next, 37);
                for (const event of page) {
                  // A follower that jumped past a position would never see it again.
                  expect(event.position).toBe(next);
                  followed.push(event);
                  next = event.position + 1;
                }
                if (page.length === 0) {
                  if (!stillWriting) return;
                  await new Promise((resolve) => setTimeout(resolve, 1));
                }
              }
            })();

            const shared = [streamName('shared-a'), streamName('shared-b')];
            const appended = new Map<string, { stream: string; result: AppendResult }>();
            const writers = Array.from({ length: WRITERS }, async (_, w) => {
              const instance = instances[w % 2]!;
              const own = w % 4 >= 2;
              const stream = own ? streamName(`own-${w}`) : shared[w % 2]!;
              for (let i = 0; i < APPENDS; i += 1) {
                const event = newEvent({ data: { writer: w, i } });
                const expected: ExpectedRevision = own ? (i === 0 ? 'noStream' : i - 1) : 'any';
                const result = await instance.append(stream, [event], expected);
                if (own) expect(result.nextRevision).toBe(i);
                appended.set(event.id, { stream, result });
              }
            });
            try {
              await Promise.all(writers);
              writing = false;
              await follower;
              const total = WRITERS * APPENDS;
              for (const collector of collectors) await collector.until(total);

              const all = await store.readAll(0, BIG);
              const written = all.slice(start);
              expect(written).toHaveLength(total);
              // Positions are gap-free over the whole log, and head agrees.
              expect(all.map((e) => e.position)).toEqual(range(0, all.length));
              expect(await store.headPosition()).toBe(all.length);
              expect(await other.headPosition()).toBe(all.length);
              // Each append got the position and revision it was told.
              for (const event of written) {
                const entry = appended.get(event.id);
                expect(entry).toBeDefined();
                expect(entry!.stream).toBe(event.stream);
                expect(entry!.result).toEqual({ nextRevision: event.revision, positions: [event.position] });
              }
              // Each stream's revisions are 0..k-1 in global order.
              const revisions = new Map<string, number[]>();
              for (const event of all) revisions.set(event.stream, [...(revisions.get(event.stream) ?? []), event.revision]);
              for (const [stream, list] of revisions) expect({ stream, list }).toEqual({ stream, list: range(0, list.length) });
              for (const stream of shared) expect(await store.readStream(stream)).toEqual(all.filter((e) => e.stream === stream));
              // Every subscriber and the follower saw every event exactly once, in exactly the stored order.
              for (const collector of collectors) {
                expect(collector.state.error).toBeUndefined();
                expect(collector.seen.length).toBe(total);
                expect(new Set(collector.seen.map((e) => e.id)).size).toBe(total);
                expect(collector.seen).toEqual(written);
              }
              expect(followed).toEqual(written);
            } finally {
              writing = false;
              await Promise.all(subscriptions.map((s) => s.close()));
              await Promise.all(collectors.map((c) => c.finished));
            }
          });
        },
        60_000,
      );
    });
  });
}
