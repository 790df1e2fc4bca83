import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';

/** The port's expected revision in the client's terms (revisions are bigint there, numbers here). */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'noStream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`expected revision ${expected} is not a non-negative integer`);
      return BigInt(expected);
  }
}

/** A stream's current revision as the port reports it. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'noStream' {
  if (current === NO_STREAM) return 'noStream';
  const revision = Number(current);
  if (!Number.isSafeInteger(revision)) throw new RangeError(`stream revision ${current} is beyond what the port can express`);
  return revision;
}

/** The client's WrongExpectedVersionError as the port's concurrency error (HTTP 409); anything else unchanged. */
export function mapAppendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) return new WrongExpectedRevisionError(stream, expected, fromEsdbCurrentRevision(error.actualVersion));
  return error;
}
