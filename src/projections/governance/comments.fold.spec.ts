import { chunk, EventLog, newId } from '../../../test/projections/support/events.js';
import { commentKey, commentKeysOf, foldComments, type CommentRow } from './comments.fold.js';

const none = new Map<string, CommentRow>();

function foldInBatches(batches: Parameters<typeof foldComments>[1][]): Map<string, CommentRow> {
  const rows = new Map<string, CommentRow>();
  for (const batch of batches) for (const row of foldComments(rows, batch)) rows.set(commentKey(row.proposalId, row.commentId), row);
  return rows;
}

describe('foldComments', () => {
  it('writes a posted comment and a reply', () => {
    const log = new EventLog(7);
    const [p, c1, c2, alice, bob] = [newId(), newId(), newId(), newId(), newId()];
    const first = log.commentPosted(p, c1, null, alice, 'Why now?');
    const reply = log.commentPosted(p, c2, c1, bob, 'Because it leaks.');
    expect(foldComments(none, log.events)).toEqual([
      {
        proposalId: p,
        commentId: c1,
        parentId: null,
        authorId: alice,
        status: 'posted',
        body: 'Why now?',
        postedAt: first.meta.occurredAt,
        postedPosition: 7,
        retractedAt: null,
        lastPosition: 7,
      },
      {
        proposalId: p,
        commentId: c2,
        parentId: c1,
        authorId: bob,
        status: 'posted',
        body: 'Because it leaks.',
        postedAt: reply.meta.occurredAt,
        postedPosition: 8,
        retractedAt: null,
        lastPosition: 8,
      },
    ]);
  });

  it('turns a retracted comment into a tombstone without its body', () => {
    const log = new EventLog();
    const [p, c, alice] = [newId(), newId(), newId()];
    log.commentPosted(p, c, null, alice);
    const retracted = log.commentRetracted(p, c, alice);
    expect(foldComments(none, log.events)).toEqual([
      expect.objectContaining({ commentId: c, status: 'retracted', body: null, retractedAt: retracted.meta.occurredAt, lastPosition: retracted.position, postedPosition: 0 }),
    ]);
  });

  it('retracts a comment stored by an earlier batch', () => {
    const log = new EventLog();
    const [p, c, alice] = [newId(), newId(), newId()];
    const [stored] = foldComments(none, [log.commentPosted(p, c, null, alice)]);
    const changes = foldComments(new Map([[commentKey(p, c), stored!]]), [log.commentRetracted(p, c, alice)]);
    expect(changes).toEqual([expect.objectContaining({ status: 'retracted', body: null, postedPosition: 0, lastPosition: 1 })]);
  });

  it('skips what is already applied, a retraction of nothing and other event types', () => {
    const log = new EventLog();
    const [p, c, alice] = [newId(), newId(), newId()];
    log.commentPosted(p, c, null, alice);
    const rows = foldInBatches([log.events]);
    log.other();
    log.commentRetracted(p, newId(), alice);
    expect(foldComments(rows, log.events)).toEqual([]);
    expect(commentKeysOf(log.events)).toHaveLength(2);
  });

  it('keeps one comment id apart per proposal', () => {
    const log = new EventLog();
    const [p1, p2, c, alice] = [newId(), newId(), newId(), newId()];
    log.commentPosted(p1, c, null, alice, 'on one');
    log.commentPosted(p2, c, null, alice, 'on two');
    expect(foldComments(none, log.events).map((r) => [r.proposalId, r.body])).toEqual([
      [p1, 'on one'],
      [p2, 'on two'],
    ]);
  });

  it('gives the same rows in one batch as in batches of any size', () => {
    const log = new EventLog();
    const [p, alice, bob] = [newId(), newId(), newId()];
    const ids = Array.from({ length: 12 }, () => newId());
    ids.forEach((id, i) => {
      log.commentPosted(p, id, i === 0 ? null : ids[Math.floor(i / 2)]!, i % 2 ? alice : bob);
      if (i % 3 === 2) log.commentRetracted(p, ids[i - 1]!, i % 2 ? bob : alice);
    });
    const whole = foldInBatches([log.events]);
    expect(whole.size).toBe(12);
    for (const sizes of [[1], [2], [5, 1, 3]]) expect(foldInBatches(chunk(log.events, sizes))).toEqual(whole);
  });
});
