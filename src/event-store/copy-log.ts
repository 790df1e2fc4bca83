import type { EventEnvelope, NewEvent } from '../events/envelope.js';
import type { EventStore, ExpectedRevision } from './event-store.port.js';

/** The target cannot take the copy: it holds other events, or another writer got in between. */
export class LogCopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogCopyRefused';
  }
}

export interface CopyProgress {
  /** Events in the target after this step: the next position to copy. */
  copied: number;
  head: number;
}

/**
 * Copies the global order of one store into another (moving an instance to EventStoreDB, docs
 * "Running at scale"), so that every event keeps its id, stream, revision and POSITION: the
 * ledger's signed tree (leaf index = position) carries on over the new store. The target must be
 * empty or hold an earlier copy of this very log (then the copy resumes after it), and nothing else
 * may write to it meanwhile: each append names the revision it expects, and the positions it gets
 * back are checked against the source's.
 */
export async function copyLog(source: EventStore, target: EventStore, options: { pageSize?: number; onProgress?: (p: CopyProgress) => void } = {}): Promise<CopyProgress> {
  const pageSize = options.pageSize ?? 1000;
  const head = await source.headPosition();
  let from = await target.headPosition();
  if (from > head) throw new LogCopyRefused(`the target holds ${from} events, more than the source's ${head}`);
  if (from > 0) {
    const [theirs] = await target.readAll(from - 1, 1);
    const [ours] = await source.readAll(from - 1, 1);
    if (theirs?.id !== ours?.id) throw new LogCopyRefused(`the target holds other events (position ${from - 1} is ${theirs?.id}, not ${ours?.id})`);
  }
  while (from < head) {
    const page = await source.readAll(from, Math.min(pageSize, head - from));
    if (page.length === 0) break;
    for (const run of runsOfOneStream(page)) {
      const first = run[0]!;
      const expected: ExpectedRevision = first.revision === 0 ? 'noStream' : first.revision - 1;
      const { positions } = await target.append(first.stream, run.map(asNewEvent), expected);
      const wanted = run.map((e) => e.position);
      if (positions.join() !== wanted.join()) {
        throw new LogCopyRefused(`events of ${first.stream} landed at positions ${positions.join(', ')} instead of ${wanted.join(', ')}: another writer is using the target`);
      }
    }
    from = page[page.length - 1]!.position + 1;
    options.onProgress?.({ copied: from, head });
  }
  return { copied: from, head };
}

/** Consecutive events of the same stream, appended together. */
function runsOfOneStream(events: readonly EventEnvelope[]): EventEnvelope[][] {
  const runs: EventEnvelope[][] = [];
  for (const event of events) {
    const run = runs[runs.length - 1];
    if (run && run[0]!.stream === event.stream) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

function asNewEvent({ id, type, schemaVersion, data, meta, act }: EventEnvelope): NewEvent {
  return { id, type, schemaVersion, data, meta, ...(act ? { act } : {}) };
}
