import { EventIdConflictError } from '../event-store.port.js';
import { GlobalIndex } from './global-index.js';
import { checkReplay } from './idempotency.js';

function stored(): GlobalIndex {
  const index = new GlobalIndex();
  ['a', 'b', 'c'].forEach((id, i) => index.add({ position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) }, id, stream: 'proposal-1', revision: i, type: 't', contentSha256: `h-${id}` }));
  return index;
}

describe('replays of appends', () => {
  it('ids never seen are a new append', () => {
    expect(checkReplay(stored(), 'proposal-1', ['d', 'e'], ['h-d', 'h-e'])).toEqual({ kind: 'new' });
  });

  it('the same ids with the same content on the same stream return the original positions and revision', () => {
    expect(checkReplay(stored(), 'proposal-1', ['b', 'c'], ['h-b', 'h-c'])).toEqual({ kind: 'replay', result: { nextRevision: 2, positions: [1, 2] } });
  });

  it.each([
    ['other content', 'proposal-1', ['b'], ['h-other']],
    ['another stream', 'proposal-2', ['b'], ['h-b']],
    ['an append only partly stored', 'proposal-1', ['c', 'd'], ['h-c', 'h-d']],
  ])('an id stored with %s is an EventIdConflictError naming it', (_, stream, ids, hashes) => {
    expect(() => checkReplay(stored(), stream, ids, hashes)).toThrow(EventIdConflictError);
  });

  it('the same id twice in one append is an EventIdConflictError', () => {
    let error: unknown;
    try {
      checkReplay(stored(), 'proposal-1', ['d', 'd'], ['h-d', 'h-d']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({ eventId: 'd' });
  });
});

describe('which id a conflict names', () => {
  it('the id stored with other content, even when others in the append are new', () => {
    expect(() => checkReplay(stored(), 'proposal-1', ['d', 'b'], ['h-d', 'h-changed'])).toThrow(expect.objectContaining({ eventId: 'b' }));
  });
});
