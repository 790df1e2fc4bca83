import type { NewEvent } from '../../events/envelope.js';
import { contentHash, encodeEvent } from '../event-content.js';
import { EventIdConflictError, WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';
import { planBatch, type AppendOutcome, type PendingAppend, type StoredId } from './append-batch.js';

const meta = { actor: 'member-1', correlationId: 'corr-1', causationId: 'cause-1', occurredAt: '2026-01-01T00:00:00.000Z' };

let counter = 0;
/** A fixed, readable id per call; planBatch does not care about the UUID format. */
function event(data: unknown = { n: counter }, id = `00000000-0000-7000-8000-${String(++counter).padStart(12, '0')}`): NewEvent {
  return { id, type: 'test.Happened', schemaVersion: 1, data, meta };
}

function append(stream: string, events: NewEvent[], expected: ExpectedRevision = 'any'): PendingAppend {
  return { stream, events, expected, encoded: events.map((e) => encodeEvent(stream, e)) };
}

function stored(stream: string, e: NewEvent, revision: number, position: number): [string, StoredId] {
  return [e.id, { id: e.id, stream, revision, position, contentHash: () => contentHash(stream, e) }];
}

function ok(outcome: AppendOutcome | undefined) {
  if (!outcome?.ok) throw new Error(`expected success, got ${outcome ? outcome.error.message : 'nothing'}`);
  return outcome.result;
}

function failure(outcome: AppendOutcome | undefined): Error {
  if (!outcome || outcome.ok) throw new Error('expected a failure');
  return outcome.error;
}

const none = new Map<string, number>();
const noIds = new Map<string, StoredId>();

describe('planBatch', () => {
  describe('expected revision', () => {
    const revisions = new Map([['existing', 4]]);

    it.each<[ExpectedRevision, string, boolean]>([
      ['any', 'existing', true],
      ['any', 'new', true],
      ['noStream', 'new', true],
      ['noStream', 'existing', false],
      ['exists', 'existing', true],
      ['exists', 'new', false],
      [4, 'existing', true],
      [3, 'existing', false],
      [5, 'existing', false],
      [0, 'new', false],
    ])('%p on a %s stream: accepted = %p', (expected, stream, accepted) => {
      const plan = planBatch([append(stream, [event()], expected)], 10, revisions, noIds);
      expect(plan.outcomes[0]!.ok).toBe(accepted);
      expect(plan.rows).toHaveLength(accepted ? 1 : 0);
    });

    it('reports the actual revision of the stream in the error', () => {
      const error = failure(planBatch([append('existing', [event()], 2)], 10, revisions, noIds).outcomes[0]);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ stream: 'existing', expected: 2, actual: 4 });
    });

    it("reports 'noStream' as the actual revision of a stream that does not exist", () => {
      const error = failure(planBatch([append('new', [event()], 'exists')], 0, none, noIds).outcomes[0]);
      expect(error).toMatchObject({ stream: 'new', expected: 'exists', actual: 'noStream' });
    });

    it('continues a stream from its current revision', () => {
      const plan = planBatch([append('existing', [event(), event()], 4)], 10, revisions, noIds);
      expect(ok(plan.outcomes[0])).toEqual({ nextRevision: 6, positions: [10, 11] });
      expect(plan.rows.map((r) => [r.stream, r.revision, r.position])).toEqual([
        ['existing', 5, 10],
        ['existing', 6, 11],
      ]);
      expect(plan.streams).toEqual(new Map([['existing', 6]]));
    });

    it('writes nothing for an empty append and returns the current revision', () => {
      const plan = planBatch([append('existing', [], 4), append('new', [], 'noStream')], 10, revisions, noIds);
      expect(plan.outcomes.map(ok)).toEqual([
        { nextRevision: 4, positions: [] },
        { nextRevision: -1, positions: [] },
      ]);
      expect(plan.rows).toEqual([]);
      expect(plan.nextPosition).toBe(10);
    });
  });

  describe('a group of appends', () => {
    it('resolves appends in queue order, each seeing the ones before it', () => {
      const plan = planBatch(
        [append('s', [event()], 'noStream'), append('s', [event()], 0), append('s', [event(), event()], 'exists'), append('s', [event()], 3)],
        0,
        none,
        noIds,
      );
      expect(plan.outcomes.map(ok)).toEqual([
        { nextRevision: 0, positions: [0] },
        { nextRevision: 1, positions: [1] },
        { nextRevision: 3, positions: [2, 3] },
        { nextRevision: 4, positions: [4] },
      ]);
      expect(plan.streams).toEqual(new Map([['s', 4]]));
    });

    it('a later append in the group sees that an earlier one created the stream', () => {
      const plan = planBatch([append('s', [event()], 'noStream'), append('s', [event()], 'noStream')], 0, none, noIds);
      expect(ok(plan.outcomes[0])).toEqual({ nextRevision: 0, positions: [0] });
      expect(failure(plan.outcomes[1])).toMatchObject({ expected: 'noStream', actual: 0 });
    });

    it('a failing append does not affect the others in its group', () => {
      const revisions = new Map([['a', 0]]);
      const plan = planBatch(
        [append('a', [event()], 0), append('a', [event(), event()], 0), append('b', [event()], 'exists'), append('c', [event()], 'noStream'), append('a', [event()], 1)],
        7,
        revisions,
        noIds,
      );
      expect(plan.outcomes.map((o) => o.ok)).toEqual([true, false, false, true, true]);
      expect(failure(plan.outcomes[1])).toMatchObject({ stream: 'a', expected: 0, actual: 1 });
      expect(failure(plan.outcomes[2])).toMatchObject({ stream: 'b', expected: 'exists', actual: 'noStream' });
      expect(ok(plan.outcomes[0])).toEqual({ nextRevision: 1, positions: [7] });
      expect(ok(plan.outcomes[3])).toEqual({ nextRevision: 0, positions: [8] });
      expect(ok(plan.outcomes[4])).toEqual({ nextRevision: 2, positions: [9] });
      expect(plan.rows.map((r) => [r.stream, r.revision, r.position])).toEqual([
        ['a', 1, 7],
        ['c', 0, 8],
        ['a', 2, 9],
      ]);
      expect(plan.streams).toEqual(new Map([['a', 2], ['c', 0]]));
      expect(plan.nextPosition).toBe(10);
    });

    it('gives gap-free positions from nextPosition, and gap-free revisions per stream', () => {
      const revisions = new Map([['x', 9]]);
      const appends = Array.from({ length: 30 }, (_, i) => append(['x', 'y', 'z'][i % 3]!, Array.from({ length: (i % 4) + 1 }, () => event()), i % 7 === 0 ? 2 : 'any'));
      const plan = planBatch(appends, 100, revisions, noIds);
      const written = plan.outcomes.filter((o) => o.ok).flatMap((o) => ok(o).positions);
      expect(plan.rows.map((r) => r.position)).toEqual(Array.from({ length: plan.rows.length }, (_, i) => 100 + i));
      expect(written).toEqual(plan.rows.map((r) => r.position));
      expect(plan.nextPosition).toBe(100 + plan.rows.length);
      for (const [stream, first] of [['x', 10], ['y', 0], ['z', 0]] as const) {
        const streamRevisions = plan.rows.filter((r) => r.stream === stream).map((r) => r.revision);
        expect(streamRevisions).toEqual(Array.from({ length: streamRevisions.length }, (_, i) => first + i));
        expect(plan.streams.get(stream)).toBe(streamRevisions[streamRevisions.length - 1]);
      }
    });

    it('carries each event and its stored encoding into its row', () => {
      const e = event({ vote: 'yes' });
      const a = append('s', [e]);
      const plan = planBatch([a], 0, none, noIds);
      expect(plan.rows).toEqual([{ position: 0, revision: 0, stream: 's', event: e, encoded: a.encoded[0] }]);
    });
  });

  describe('idempotent event ids', () => {
    it('a replay of stored ids with the same content returns the original positions and writes nothing', () => {
      const [e1, e2] = [event(), event()];
      const ids = new Map([stored('s', e1, 3, 40), stored('s', e2, 4, 41)]);
      const plan = planBatch([append('s', [e1, e2], 'noStream')], 90, new Map([['s', 8]]), ids);
      expect(ok(plan.outcomes[0])).toEqual({ nextRevision: 4, positions: [40, 41] });
      expect(plan.rows).toEqual([]);
      expect(plan.streams.size).toBe(0);
      expect(plan.nextPosition).toBe(90);
    });

    it('a replay ignores the expected revision, which the original append already satisfied', () => {
      const e = event();
      const plan = planBatch([append('s', [e], 0)], 90, new Map([['s', 8]]), new Map([stored('s', e, 0, 12)]));
      expect(ok(plan.outcomes[0])).toEqual({ nextRevision: 0, positions: [12] });
    });

    it('the same id with different content is an EventIdConflictError and writes nothing', () => {
      const original = event({ vote: 'yes' });
      const changed = { ...original, data: { vote: 'no' } };
      const fresh = event();
      const plan = planBatch([append('s', [fresh, changed])], 5, new Map([['s', 0]]), new Map([stored('s', original, 0, 0)]));
      const error = failure(plan.outcomes[0]);
      expect(error).toBeInstanceOf(EventIdConflictError);
      expect(error).toMatchObject({ eventId: original.id });
      expect(plan.rows).toEqual([]);
    });

    it('the same id and content on another stream is a conflict', () => {
      const e = event();
      const error = failure(planBatch([append('other', [e])], 5, none, new Map([stored('s', e, 0, 0)])).outcomes[0]);
      expect(error).toBeInstanceOf(EventIdConflictError);
    });

    it('different metadata is different content', () => {
      const e = event();
      const later = { ...e, meta: { ...e.meta, occurredAt: '2026-01-02T00:00:00.000Z' } };
      expect(failure(planBatch([append('s', [later])], 5, none, new Map([stored('s', e, 0, 0)])).outcomes[0])).toBeInstanceOf(EventIdConflictError);
    });

    it('names the conflicting id, not another stored id of the same append', () => {
      const [same, original] = [event(), event({ v: 1 })];
      const changed = { ...original, data: { v: 2 } };
      const fresh = event();
      const ids = new Map([stored('s', same, 0, 0), stored('s', original, 1, 1)]);
      const error = failure(planBatch([append('s', [fresh, same, changed])], 2, new Map([['s', 1]]), ids).outcomes[0]);
      expect(error).toMatchObject({ eventId: original.id });
    });

    it('an append mixing stored and new ids is rejected and writes nothing', () => {
      const [old, fresh] = [event(), event()];
      const plan = planBatch([append('s', [old, fresh])], 1, new Map([['s', 0]]), new Map([stored('s', old, 0, 0)]));
      expect(failure(plan.outcomes[0])).toBeInstanceOf(EventIdConflictError);
      expect(plan.rows).toEqual([]);
    });

    it('the same id twice inside one group: the second append is a replay of the first', () => {
      const e = event();
      const plan = planBatch([append('s', [e], 'noStream'), append('t', [event()]), append('s', [e], 'noStream')], 20, none, noIds);
      expect(plan.outcomes.map(ok)).toEqual([
        { nextRevision: 0, positions: [20] },
        { nextRevision: 0, positions: [21] },
        { nextRevision: 0, positions: [20] },
      ]);
      expect(plan.rows.map((r) => r.event.id)).toEqual([e.id, plan.rows[1]!.event.id]);
      expect(plan.nextPosition).toBe(22);
    });

    it('the same id twice inside one group with different content: the second append is a conflict', () => {
      const e = event({ v: 1 });
      const plan = planBatch([append('s', [e]), append('s', [{ ...e, data: { v: 2 } }]), append('s', [event()])], 0, none, noIds);
      expect(plan.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      expect(failure(plan.outcomes[1])).toBeInstanceOf(EventIdConflictError);
      expect(plan.rows.map((r) => [r.position, r.revision])).toEqual([
        [0, 0],
        [1, 1],
      ]);
    });

    it('the same id twice inside one append is a conflict that does not affect the rest of the group', () => {
      const e = event();
      const plan = planBatch([append('a', [event()]), append('s', [e, e]), append('b', [event()])], 0, none, noIds);
      expect(plan.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      expect(failure(plan.outcomes[1])).toMatchObject({ eventId: e.id });
      expect(plan.rows.map((r) => [r.stream, r.position])).toEqual([
        ['a', 0],
        ['b', 1],
      ]);
      expect(plan.streams.has('s')).toBe(false);
    });
  });
});
