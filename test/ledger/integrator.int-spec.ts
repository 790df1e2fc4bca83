import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { encodeEvent, entryText, envelopeBytes } from '../../src/event-store/event-content.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { LedgerIntegrityError, LedgerProjection, missingRanges } from '../../src/ledger/integrator/ledger.projection.js';
import { readEntryBundle } from '../../src/ledger/integrator/ledger-entries.js';
import { consistencyProofFromStore, inclusionProofFromStore, latestCheckpoint, readTile, treeRootAt } from '../../src/ledger/integrator/ledger-store.js';
import { CompactRange, leafHash, verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/merkle.js';
import { openCheckpoint } from '../../src/ledger/note/checkpoint.js';
import { NoteSigner } from '../../src/ledger/note/note.js';
import { decodeEntryBundle, tilesForSize } from '../../src/ledger/tiles/tiles.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The integrator on a real PostgreSQL, fed batches directly (the runner's part is tested elsewhere).
 * Its leaves are the entries the event store keeps beside each event, so the events are stored first.
 */
let db: TestDatabase;
const signer = NoteSigner.generate('test.example/ledger');
const projection = new LedgerProjection();
projection.configure({ origin: 'test.example/ledger', signer });

function envelope(position: number): EventEnvelope {
  return {
    id: randomUUID(),
    stream: `test-${position % 7}`,
    revision: Math.floor(position / 7),
    position,
    type: 'members.MemberRegistered',
    schemaVersion: 1,
    data: { n: position, pad: 'x'.repeat(position % 50) },
    meta: { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
  };
}

/** Stores events as the PostgreSQL event store does, with their entries. */
async function storeEvents(events: readonly EventEnvelope[]): Promise<void> {
  const encoded = events.map((e) => encodeEvent(e.stream, e));
  await db.pool.query(
    `INSERT INTO event_store.events (position, id, stream, revision, type, schema_version, data, meta, entry)
     SELECT p, i, s, r, t, 1, d, m, convert_to(e, 'UTF8') FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[]) AS u(p, i, s, r, t, d, m, e)`,
    [
      events.map((e) => e.position),
      events.map((e) => e.id),
      events.map((e) => e.stream),
      events.map((e) => e.revision),
      events.map((e) => e.type),
      encoded.map((e) => e.data),
      encoded.map((e) => e.meta),
      events.map((e, i) => entryText(e.stream, e.revision, e, encoded[i]!)),
    ],
  );
}

async function applyBatch(events: readonly EventEnvelope[]): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await projection.apply(events, client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(projection.schema);
  await storeEvents(events);
});
afterAll(async () => {
  await db.drop();
});

const events = Array.from({ length: 70_000 / 100 }, (_, i) => envelope(i)); // 700 leaves: 2 full tiles + partials
const leaves = events.map((e) => leafHash(envelopeBytes(e)));

it('integrates batches of any size into tiles and one signed checkpoint per batch, and serves the stored entries as bundles', async () => {
  const sizes: number[] = [];
  let at = 0;
  for (const n of [1, 2, 5, 250, 1, 300, 141]) {
    await applyBatch(events.slice(at, at + n));
    at += n;
    sizes.push(at);
    const cp = await latestCheckpoint(db.pool);
    expect(cp?.size).toBe(at);
  }
  expect(at).toBe(700);
  const cp = (await latestCheckpoint(db.pool))!;
  const opened = openCheckpoint(cp.note, signer.verifier, 'test.example/ledger');
  const range = new CompactRange();
  for (const leaf of leaves) range.append(leaf);
  expect(opened.root).toEqual(range.root());

  // Every tile of the tree, as served, holds what the leaves say; bundles hold the envelope bytes.
  for (const tile of tilesForSize(700)) {
    const data = await readTile(db.pool, tile.level, tile.index, tile.width);
    expect(data?.length).toBe(tile.width * 32);
    if (tile.level === 0) {
      expect(data).toEqual(Buffer.concat(leaves.slice(tile.index * 256, tile.index * 256 + tile.width)));
      const bundle = await readEntryBundle({ kind: 'database' }, db.pool, tile.index, tile.width);
      expect(decodeEntryBundle(bundle!)).toEqual(events.slice(tile.index * 256, tile.index * 256 + tile.width).map(envelopeBytes));
    }
  }
  // A partial tile is a prefix of the stored one; a tile beyond the tree does not exist.
  expect(await readTile(db.pool, 0, 2, 10)).toEqual(Buffer.concat(leaves.slice(512, 522)));
  expect(await readTile(db.pool, 0, 2, 200)).toBeUndefined();
  expect(await readEntryBundle({ kind: 'database' }, db.pool, 3, 1)).toBeUndefined();

  // Proofs from the store verify against the signed roots.
  for (const index of [0, 255, 256, 511, 600, 699]) {
    const proof = await inclusionProofFromStore(db.pool, index, 700);
    expect(verifyInclusion(index, 700, leaves[index], proof, cp.root)).toBe(true);
  }
  const { rows } = await db.pool.query<{ size: string; root: Buffer }>('SELECT size, root FROM ledger.checkpoints ORDER BY size');
  expect(rows.map((r) => Number(r.size))).toEqual(sizes);
  for (const row of rows) {
    const proof = await consistencyProofFromStore(db.pool, Number(row.size), 700);
    expect(verifyConsistency(Number(row.size), 700, proof, row.root, cp.root)).toBe(true);
    expect(await treeRootAt(db.pool, Number(row.size), 700)).toEqual(row.root);
  }
});

it('refuses a gap in the order', async () => {
  await expect(applyBatch([envelope(701)])).rejects.toThrow(LedgerIntegrityError);
});

it('after a rebuild over a rewritten history, refuses to sign a checkpoint that forks from the last one', async () => {
  await db.pool.query('TRUNCATE ledger.tiles, ledger.tree');
  const rewritten = events.map((e) => (e.position === 5 ? { ...e, data: { n: 5, pad: 'forged' } } : e));
  await db.pool.query('UPDATE event_store.events SET entry = $1 WHERE position = 5', [envelopeBytes(rewritten[5]!)]);
  await applyBatch(rewritten.slice(0, 400)); // below the last signed size: nothing signed, nothing checked yet
  expect((await latestCheckpoint(db.pool))!.size).toBe(700);
  const next = envelope(700);
  await storeEvents([next]);
  await expect(applyBatch([...rewritten.slice(400), next])).rejects.toThrow(/inconsistent checkpoint/);
  expect((await latestCheckpoint(db.pool))!.size).toBe(700);
});

it('integrates the events the runner does not hand over (types outside `handles`), from the entries kept in the database or from the store', async () => {
  const other = await createTestDatabase();
  const store = new PostgresEventStore(other.pool, other.url);
  try {
    const newEvent = (i: number) => ({
      id: randomUUID(),
      type: i % 3 === 0 ? 'members.MemberRegistered' : 'transactions.TransactionRecorded',
      schemaVersion: 1,
      data: { i },
      meta: { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
    });
    await store.append('s-1', Array.from({ length: 10 }, (_, i) => newEvent(i)), 'any');
    const all = await store.readAll(0, 100);
    const handed = all.filter((e) => projection.handles.includes(e.type as never));
    expect(handed.map((e) => e.position)).toEqual([0, 3, 6, 9]);
    expect(missingRanges([3, 6, 9], 0)).toEqual([
      { from: 0, to: 3 },
      { from: 4, to: 6 },
      { from: 7, to: 9 },
    ]);
    const expected = new CompactRange();
    for (const e of all) expected.append(leafHash(envelopeBytes(e)));

    for (const entries of [{ kind: 'store', store }, { kind: 'database' }] as const) {
      const p = new LedgerProjection();
      p.configure({ origin: 'test.example/ledger', signer, entries });
      const client = await other.pool.connect();
      try {
        await client.query(p.schema);
        await client.query('TRUNCATE ledger.tiles, ledger.tree, ledger.checkpoints');
        await client.query('BEGIN');
        await p.apply(handed.slice(0, 2), client);
        await p.apply(handed.slice(2), client);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const cp = (await latestCheckpoint(other.pool))!;
      expect(cp.size).toBe(10);
      expect(cp.root).toEqual(expected.root());
      // The bundle served is the same bytes whichever way the entries are kept.
      expect(decodeEntryBundle((await readEntryBundle(entries, other.pool, 0, 10))!)).toEqual(all.map(envelopeBytes));
    }
  } finally {
    await store.close();
    await other.drop();
  }
});

it('reads the next range ahead on another connection while catching up, with the same tree whether the guess holds or not', async () => {
  const other = await createTestDatabase();
  const store = new PostgresEventStore(other.pool, other.url);
  try {
    const newEvent = (i: number) => ({
      id: randomUUID(),
      type: 'members.MemberRegistered',
      schemaVersion: 1,
      data: { i, pad: 'y'.repeat(i % 40) },
      meta: { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
    });
    for (let at = 0; at < 3500; at += 500) await store.append(`s-${at}`, Array.from({ length: 500 }, (_, i) => newEvent(at + i)), 'any');
    const expected = new CompactRange();
    for (let at = 0; at < 3500; at += 500) for (const e of await store.readAll(at, 500)) expected.append(leafHash(envelopeBytes(e)));

    const p = new LedgerProjection();
    p.configure({ origin: 'test.example/ledger', signer, entries: { kind: 'database', reader: other.pool } });
    const client = await other.pool.connect();
    try {
      await client.query(p.schema);
      // 1000 then 1000 (read ahead, used), then 1200 (read ahead of 1000, not used), then 300
      // (read ahead of 1200 would run past the log: it fails, and the range is read in place).
      for (const [from, to] of [[0, 1000], [1000, 2000], [2000, 3200], [3200, 3500]] as const) {
        await client.query('BEGIN');
        await p.applyRange(from, to, client);
        await client.query('COMMIT');
        const cp = (await latestCheckpoint(other.pool))!;
        expect(cp.size).toBe(to);
      }
    } finally {
      client.release();
    }
    expect((await latestCheckpoint(other.pool))!.root).toEqual(expected.root());
  } finally {
    await store.close();
    await other.drop();
  }
});
