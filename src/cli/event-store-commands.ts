import { Presets, SingleBar } from 'cli-progress';
import { copyLog, LogCopyRefused } from '../event-store/copy-log.js';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store.js';
import type { CliContext } from './cli-context.js';
import { CliError, CliFailure } from './cli-errors.js';

/** A connection string the EventStoreDB client accepts; CliError (exit 2) otherwise. */
export function eventStoreDbTarget(connectionString: string): EventStoreDbEventStore {
  try {
    return EventStoreDbEventStore.connect(connectionString);
  } catch (error) {
    throw new CliError(`--to: not an EventStoreDB connection string (esdb://… or esdb+discover://…): ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * `civic event-store copy --to esdb://…`: copies this instance's log into an EventStoreDB server,
 * every event at the position it has here (docs/running-at-scale.md). Run it with the instance
 * stopped; run it again to resume. The caller closes `target`.
 */
export async function eventStoreCopy(ctx: CliContext, target: EventStoreDbEventStore, json: boolean): Promise<void> {
  if (ctx.config.eventStore === 'eventstoredb') throw new CliError('this instance already uses EventStoreDB (EVENT_STORE=eventstoredb): run the copy with the store it moves from');
  const bar = json ? undefined : new SingleBar({ format: 'copying the log {bar} {value}/{total} events' }, Presets.shades_classic);
  let started = false;
  try {
    const result = await copyLog(ctx.store, target, {
      onProgress: ({ copied, head }) => {
        if (!bar) return;
        if (!started) bar.start(head, copied);
        started = true;
        bar.update(copied);
      },
    });
    bar?.stop();
    console.log(json ? JSON.stringify(result, null, 2) : `the target holds the log's ${result.copied} events, at the same positions`);
  } catch (error) {
    bar?.stop();
    if (error instanceof LogCopyRefused) throw new CliFailure(`copy refused: ${error.message}`);
    throw error;
  }
}
