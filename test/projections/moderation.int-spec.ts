import type { ModerationTarget } from '../../src/events/moderation/moderation-events.js';
import { commentsProjection } from '../../src/projections/governance/comments.projection.js';
import { moderationProjection } from '../../src/projections/moderation/moderation.projection.js';
import { getCommentThread } from '../../src/read-models/governance/comment-queries.js';
import { getModerationAction, listModerationLog, listReports } from '../../src/read-models/moderation/moderation-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, commentsProjection, moderationProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, moderationProjection);
  await truncate(db.pool, commentsProjection);
});

/** A comment reported twice, hidden (resolving one report), appealed, overturned; a member warned. */
function history() {
  const log = new EventLog(100);
  const [p, c, author, rep1, rep2, mod1, mod2, r1, r2, a1, a2] = Array.from({ length: 11 }, newId);
  const target: ModerationTarget = { kind: 'comment', proposalId: p!, commentId: c! };
  const stream = `moderation-comment-${p}-${c}`;
  log.commentPosted(p!, c!, null, author!, 'You fool.');
  log.append(stream, 'moderation.ContentReported', { reportId: r1, target, reporterId: rep1, category: 'harassment', note: 'Insult.' }, rep1);
  log.append(stream, 'moderation.ContentReported', { reportId: r2, target, reporterId: rep2, category: 'other', note: 'Rude.' }, rep2);
  log.append(
    stream,
    'moderation.ActionTaken',
    { actionId: a1, target, moderatorId: mod1, affectedMemberId: author, kind: 'hide', rule: '3.2', reason: 'An insult.', until: null, visibilityAfter: 'hidden', resolvedReports: [r1] },
    mod1,
  );
  const hiddenAt = log.nextPosition - 1;
  log.append(stream, 'moderation.ActionAppealed', { actionId: a1, target, appellantId: author, statement: 'A quote.' }, author);
  log.append(stream, 'moderation.AppealDecided', { actionId: a1, target, decidedBy: mod2, outcome: 'overturned', reason: 'It is a quote.', visibilityAfter: 'visible', suspensionLifted: false }, mod2);
  const member: ModerationTarget = { kind: 'member', memberId: author! };
  log.append(
    `moderation-member-${author}`,
    'moderation.ActionTaken',
    { actionId: a2, target: member, moderatorId: mod1, affectedMemberId: author, kind: 'warn', rule: '3.2', reason: 'Mind the tone.', until: null, visibilityAfter: null, resolvedReports: [] },
    mod1,
  );
  return { log, p: p!, c: c!, author: author!, rep1: rep1!, r1: r1!, r2: r2!, a1: a1!, a2: a2!, mod1: mod1!, mod2: mod2!, hiddenAt };
}

describe('moderation projection', () => {
  it('declares what it handles and owns', () => {
    expect(moderationProjection).toMatchObject({ name: 'moderation', version: 1 });
    expect(moderationProjection.tables).toEqual(['moderation_reports', 'moderation_actions', 'moderation_log', 'moderation_visibility']);
  });

  it('hides a comment from the thread until the appeal overturns it, and keeps the queue, the action and the public log', async () => {
    const h = history();
    const upToHide = h.log.events.filter((e) => e.position <= h.hiddenAt);
    await applyBatch(db.pool, commentsProjection, h.log.events);
    await applyBatch(db.pool, moderationProjection, upToHide);
    expect((await getCommentThread(db.pool, h.p)).items[0]).toMatchObject({ body: null, moderation: 'hidden' });

    await applyBatch(db.pool, moderationProjection, h.log.events.filter((e) => e.position > h.hiddenAt));
    const shown = (await getCommentThread(db.pool, h.p)).items[0]!;
    expect(shown).toMatchObject({ body: 'You fool.' });
    expect(shown.moderation).toBeUndefined();

    const open = await listReports(db.pool, 'open', { limit: 50, offset: 0 });
    expect(open.items.map((r) => r.reportId)).toEqual([h.r2]);
    const resolved = await listReports(db.pool, 'resolved', { limit: 50, offset: 0 });
    expect(resolved.items).toEqual([expect.objectContaining({ reportId: h.r1, reporterId: h.rep1, resolvedByAction: h.a1 })]);

    expect(await getModerationAction(db.pool, h.a1)).toMatchObject({
      kind: 'hide',
      moderatorId: h.mod1,
      affectedMemberId: h.author,
      appeal: { status: 'overturned', statement: 'A quote.', decidedBy: h.mod2, reason: 'It is a quote.' },
    });
    const log = await listModerationLog(db.pool, { limit: 50, offset: 0 });
    expect(log.items.map((e) => [e.entry, e.actionId, e.kind])).toEqual([
      ['action', h.a2, 'warn'],
      ['decision', h.a1, 'overturned'],
      ['appeal', h.a1, null],
      ['action', h.a1, 'hide'],
    ]);
    expect(JSON.stringify(log)).not.toContain(h.rep1);
  });

  it('builds the same rows whatever the batch sizes, and replaying a batch changes nothing', async () => {
    const h = history();
    const counts = await applyBatches(db.pool, moderationProjection, [h.log.events]);
    const whole = await snapshot(db.pool, moderationProjection.tables);
    // Load + at most four multi-row writes, however many events.
    expect(counts[0]).toBeLessThanOrEqual(6);
    await truncate(db.pool, moderationProjection);
    await applyBatches(db.pool, moderationProjection, chunk(h.log.events, [1, 2, 3]));
    expect(await snapshot(db.pool, moderationProjection.tables)).toEqual(whole);
    await applyBatches(db.pool, moderationProjection, chunk(h.log.events, [2]));
    expect(await snapshot(db.pool, moderationProjection.tables)).toEqual(whole);
  });
});

describe('moderation analyst views', () => {
  it('show actions and the log, and reports only as counts', async () => {
    const h = history();
    await applyBatch(db.pool, moderationProjection, h.log.events);
    const actions = await db.pool.query('SELECT action_id, kind, appeal_status FROM analytics.moderation_actions ORDER BY taken_at');
    expect(actions.rows).toEqual([
      { action_id: h.a1, kind: 'hide', appeal_status: 'overturned' },
      { action_id: h.a2, kind: 'warn', appeal_status: 'none' },
    ]);
    const reports = await db.pool.query('SELECT * FROM analytics.moderation_reports_by_month ORDER BY category');
    expect(reports.rows.map((r) => [r.target_kind, r.category, r.reports, r.resolved])).toEqual([
      ['comment', 'harassment', 1, 1],
      ['comment', 'other', 1, 0],
    ]);
    expect(Object.keys(reports.rows[0])).not.toContain('reporter_id');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM analytics.moderation_log')).rows[0].n).toBe(4);
  });
});
