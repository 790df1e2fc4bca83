import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '../../src/events/envelope.js';
import { copyLog, LogCopyRefused, type CopyProgress } from '../../src/event-store/copy-log.js';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Copying a log into another store (moving an instance to EventStoreDB): every event keeps its id,
 * stream, revision and position. Shown between two PostgreSQL stores (the copy only uses the event
 * store port), and into an EventStoreDB server when EVENTSTORE_COPY_CONNECTION_STRING names an
 * empty one (.github/workflows/eventstoredb.yml; none runs on the development machines). Not
 * EVENTSTORE_CONNECTION_STRING: the contract suite wants that server empty.
 */
const META = { actor: 'member-1', correlationId: 'c', causationId: 'c', occurredAt: '2026-03-01T12:00:00.000Z' };
const ALL = 1_000_000;

const event = (i: number, signed = false): NewEvent => ({
  id: uuidv7(),
  type: 'governance.VoteCast',
  schemaVersion: 1,
  data: { i },
  meta: META,
  ...(signed ? { act: { command: { command: 'governance.CastVote', actor: 'member-1', keyId: 'k' }, signature: 'c2ln' } } : {}),
});

const opened: { db: TestDatabase; store: PostgresEventStore }[] = [];
/** An empty store on a database of its own. */
async function fresh(): Promise<PostgresEventStore> {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  opened.push({ db, store });
  return store;
}

afterAll(async () => {
  for (const { db, store } of opened) {
    await store.close();
    await db.drop();
  }
});

/** A log with interleaved streams, multi-event appends, signed and unsigned events. */
async function someLog(source: PostgresEventStore, streams = 3, rounds = 4): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (let s = 0; s < streams; s += 1) {
      const batch = [event(round * 10 + s, s === 0), ...(s === 1 ? [event(round * 10 + s + 100)] : [])];
      await source.append(`proposal-${s}`, batch, round === 0 ? 'noStream' : 'any');
    }
  }
}

describe('copying a log into another store', () => {
  it('gives every event the same id, stream, revision, position and content', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await someLog(source);
    const head = await source.headPosition();
    expect(await copyLog(source, target, { pageSize: 5 })).toEqual({ copied: head, head });
    expect(await target.headPosition()).toBe(head);
    expect(await target.readAll(0, ALL)).toEqual(await source.readAll(0, ALL));
    expect(await target.readStream('proposal-1')).toEqual(await source.readStream('proposal-1'));
  });

  it('an interrupted copy resumes after what the target already holds, and a finished one copies nothing more', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await someLog(source);
    const head = await source.headPosition();
    const stop = new Error('interrupted');
    await expect(
      copyLog(source, target, {
        pageSize: 4,
        onProgress: (p: CopyProgress) => {
          if (p.copied >= 8) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await target.headPosition()).toBe(8);
    expect(await copyLog(source, target, { pageSize: 4 })).toEqual({ copied: head, head });
    // The source grew meanwhile: the next copy takes only the new events.
    await source.append('proposal-9', [event(999)], 'noStream');
    expect(await copyLog(source, target)).toEqual({ copied: head + 1, head: head + 1 });
    expect(await target.readAll(0, ALL)).toEqual(await source.readAll(0, ALL));
  });

  it('refuses a target that holds other events, writing nothing', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await someLog(source);
    await target.append('proposal-0', [event(0)], 'noStream');
    const error = await copyLog(source, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogCopyRefused);
    expect((error as Error).message).toMatch(/holds other events/);
    expect(await target.headPosition()).toBe(1);
  });

  it('refuses a target that holds more events than the source', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await target.append('proposal-0', [event(0), event(1)], 'noStream');
    await source.append('proposal-0', [event(0)], 'noStream');
    await expect(copyLog(source, target)).rejects.toThrow(LogCopyRefused);
  });

  it('stops when another writer uses the target: the copied positions would differ', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await someLog(source);
    let intruder: Promise<unknown> | undefined;
    await expect(
      copyLog(source, target, {
        pageSize: 3,
        // Someone else appends to the target after the first page, while the copy goes on.
        onProgress: () => {
          intruder ??= target.append(`intruder-${uuidv7()}`, [event(7)], 'noStream');
        },
      }),
    ).rejects.toThrow(/another writer/);
    expect(await intruder).toMatchObject({ positions: [expect.any(Number)] });
  });
});

const eventStoreDb = process.env.EVENTSTORE_COPY_CONNECTION_STRING;
if (eventStoreDb) {
  describe('copying a log into EventStoreDB', () => {
    it('gives every event the same id, stream, revision, position and content there', async () => {
      const source = await fresh();
      await someLog(source);
      const target = EventStoreDbEventStore.connect(eventStoreDb);
      try {
        const head = await source.headPosition();
        expect(await copyLog(source, target, { pageSize: 5 })).toEqual({ copied: head, head });
        expect(await target.readAll(0, ALL)).toEqual(await source.readAll(0, ALL));
        // Run again, it finds everything there and copies nothing.
        expect(await copyLog(source, target)).toEqual({ copied: head, head });
        expect(await target.headPosition()).toBe(head);
      } finally {
        await target.close();
      }
    });
  });
}
