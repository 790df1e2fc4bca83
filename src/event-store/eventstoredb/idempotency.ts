import { EventIdConflictError, type AppendResult } from '../event-store.port.js';
import type { GlobalIndex } from './global-index.js';

export type ReplayCheck = { kind: 'new' } | { kind: 'replay'; result: AppendResult };

/**
 * Whether an append is new, a replay of one already stored (same ids, same content, same stream:
 * a no-op returning the original positions), or a conflict (EventIdConflictError). `hashes` are
 * the events' content hashes (with the stream), in order.
 */
export function checkReplay(index: GlobalIndex, stream: string, ids: readonly string[], hashes: readonly string[]): ReplayCheck {
  if (new Set(ids).size !== ids.length) {
    const twice = ids.find((id, i) => ids.indexOf(id) !== i)!;
    throw new EventIdConflictError(twice);
  }
  const stored = ids.map((id) => index.positionOf(id));
  if (stored.every((p) => p === undefined)) return { kind: 'new' };
  // Stored with other content or on another stream: name that id. Partly stored: name the first stored one.
  for (const [i, position] of stored.entries()) {
    const entry = position === undefined ? undefined : index.at(position);
    if (entry && (entry.stream !== stream || entry.contentSha256 !== hashes[i])) throw new EventIdConflictError(ids[i]!);
  }
  const partly = stored.findIndex((p) => p !== undefined);
  if (stored.some((p) => p === undefined)) throw new EventIdConflictError(ids[partly]!);
  const positions = stored as number[];
  return { kind: 'replay', result: { nextRevision: index.at(positions[positions.length - 1]!)!.revision, positions } };
}
