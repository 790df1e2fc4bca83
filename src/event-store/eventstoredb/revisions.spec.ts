import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port.js';
import { fromEsdbCurrentRevision, mapAppendError, toEsdbExpectedRevision } from './revisions.js';

describe('expected revisions in EventStoreDB terms', () => {
  it.each([
    ['any', ANY],
    ['noStream', NO_STREAM],
    ['exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('%s becomes %s', (port, esdb) => {
    expect(toEsdbExpectedRevision(port)).toBe(esdb);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses %s', (bad) => {
    expect(() => toEsdbExpectedRevision(bad)).toThrow(RangeError);
  });

  it('reads the current revision back as a number, or noStream', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('noStream');
    expect(fromEsdbCurrentRevision(7n)).toBe(7);
    expect(() => fromEsdbCurrentRevision(2n ** 60n)).toThrow(RangeError);
  });
});

describe('append errors', () => {
  it("WrongExpectedVersion becomes the port's WrongExpectedRevisionError with the actual revision", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'proposal-1', expected: 1n, current: 2n });
    const mapped = mapAppendError(error, 'proposal-1', 1);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ stream: 'proposal-1', expected: 1, actual: 2 });
  });

  it("a missing stream is reported as actual 'noStream'", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'proposal-2', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(mapAppendError(error, 'proposal-2', 'exists')).toMatchObject({ expected: 'exists', actual: 'noStream' });
  });

  it('other errors pass through unchanged', () => {
    const error = new Error('unavailable');
    expect(mapAppendError(error, 's', 'any')).toBe(error);
  });
});
