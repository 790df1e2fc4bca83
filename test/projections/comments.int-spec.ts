import { commentsProjection } from '../../src/projections/governance/comments.projection.js';
import { moderationProjection } from '../../src/projections/moderation/moderation.projection.js';
import { getCommentThread } from '../../src/read-models/governance/comment-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // The thread query joins moderation's visibility table.
  await install(db.pool, commentsProjection, moderationProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, commentsProjection);
});

describe('comments projection', () => {
  it('declares what it handles and owns', () => {
    expect(commentsProjection).toMatchObject({ name: 'comments', version: 1 });
    expect([...commentsProjection.handles].sort()).toEqual(['governance.CommentPosted', 'governance.CommentRetracted']);
    expect(commentsProjection.tables).toEqual(['proposal_comments']);
  });

  it('builds the thread of a proposal, a retracted comment as a tombstone that keeps its replies', async () => {
    const log = new EventLog(40);
    const [p, other, alice, bob] = [newId(), newId(), newId(), newId()];
    const [root, reply, nested, second, elsewhere] = [newId(), newId(), newId(), newId(), newId()];
    const rootPosted = log.commentPosted(p, root, null, alice, 'Why the north lot?');
    const replyPosted = log.commentPosted(p, reply, root, bob, 'It gets the sun.');
    log.commentPosted(other, elsewhere, null, bob, 'Not this one.');
    const nestedPosted = log.commentPosted(p, nested, reply, alice, 'Fair.');
    const secondPosted = log.commentPosted(p, second, null, bob, 'And the shed?');
    await applyBatch(db.pool, commentsProjection, log.events);
    const retraction = log.commentRetracted(p, root, alice);
    await applyBatch(db.pool, commentsProjection, [retraction]);

    expect(await getCommentThread(db.pool, p)).toEqual({
      total: 4,
      items: [
        {
          commentId: root,
          parentId: null,
          authorId: alice,
          status: 'retracted',
          body: null,
          postedAt: rootPosted.meta.occurredAt,
          position: 40,
          retractedAt: retraction.meta.occurredAt,
          replies: [
            {
              commentId: reply,
              parentId: root,
              authorId: bob,
              status: 'posted',
              body: 'It gets the sun.',
              postedAt: replyPosted.meta.occurredAt,
              position: 41,
              retractedAt: null,
              replies: [
                { commentId: nested, parentId: reply, authorId: alice, status: 'posted', body: 'Fair.', postedAt: nestedPosted.meta.occurredAt, position: 43, retractedAt: null, replies: [] },
              ],
            },
          ],
        },
        { commentId: second, parentId: null, authorId: bob, status: 'posted', body: 'And the shed?', postedAt: secondPosted.meta.occurredAt, position: 44, retractedAt: null, replies: [] },
      ],
    });
    expect((await getCommentThread(db.pool, other)).items.map((c) => c.body)).toEqual(['Not this one.']);
    expect(await getCommentThread(db.pool, newId())).toEqual({ items: [], total: 0 });
    expect(await getCommentThread(db.pool, 'nope')).toEqual({ items: [], total: 0 });
  });

  it('writes a batch with one multi-row statement, and the same rows in one batch as in many', async () => {
    const log = new EventLog();
    const p = newId();
    const ids = Array.from({ length: 30 }, () => newId());
    ids.forEach((id, i) => {
      log.commentPosted(p, id, i < 3 ? null : ids[i % 3]!, newId());
      if (i % 5 === 4) log.commentRetracted(p, ids[i - 1]!, newId());
    });
    // load + one upsert, however many comments
    expect(await applyBatch(db.pool, commentsProjection, log.events)).toBe(2);
    const whole = await snapshot(db.pool, commentsProjection.tables);
    await truncate(db.pool, commentsProjection);
    await applyBatches(db.pool, commentsProjection, chunk(log.events, [1, 4, 7]));
    expect(await snapshot(db.pool, commentsProjection.tables)).toEqual(whole);
    // applying the same batch again changes nothing
    await applyBatch(db.pool, commentsProjection, log.events);
    expect(await snapshot(db.pool, commentsProjection.tables)).toEqual(whole);
  });
});
