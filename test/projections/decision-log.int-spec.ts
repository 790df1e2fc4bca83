import { decisionLogProjection } from '../../src/projections/governance/decision-log.projection.js';
import { listDecisionLog } from '../../src/read-models/governance/proposal-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { EventLog, newId, RULES } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, decisionLogProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, decisionLogProjection);
});

const ELECTORATE = { asOfPosition: 3, size: 7 };
const CLOSES = '2026-01-12T09:00:00.000Z';
const pending = async () => (await db.pool.query('SELECT proposal_id FROM read_models.decision_log_pending ORDER BY 1')).rows.map((r) => r.proposal_id as string);

describe('decision-log projection', () => {
  it('declares what it handles and owns', () => {
    expect(decisionLogProjection).toMatchObject({ name: 'decision-log', version: 4 });
    expect([...decisionLogProjection.handles].sort()).toEqual([
      'governance.BallotCast',
      'governance.ElectionCalled',
      'governance.ElectionClosed',
      'governance.ProposalCancelled',
      'governance.ProposalClosed',
      'governance.ProposalDrafted',
      'governance.ProposalOpened',
      'governance.ProposalRevised',
      'governance.ProposalWithdrawn',
    ]);
    expect(decisionLogProjection.tables).toEqual(['decision_log', 'decision_log_pending', 'decision_log_elections', 'decision_log_elections_pending']);
  });

  it('remembers drafted and opened proposals, then writes one entry when each closes', async () => {
    const log = new EventLog(20);
    const p = newId();
    const author = newId();
    log.drafted(p, author, 'Garden', { ...RULES, quorumBps: 100, thresholdBps: 100 });
    await applyBatch(db.pool, decisionLogProjection, log.events.slice(-1));
    expect(await pending()).toEqual([p]);

    const opened = log.opened(p, ELECTORATE, CLOSES, { ...RULES, quorumBps: 3000, thresholdBps: 6000 });
    await applyBatch(db.pool, decisionLogProjection, [opened]);
    expect((await db.pool.query('SELECT * FROM read_models.decision_log_pending')).rows).toEqual([
      {
        proposal_id: p,
        title: 'Garden',
        author_id: author,
        quorum_bps: 3000,
        threshold_bps: 6000,
        opened_at: new Date(opened.meta.occurredAt),
        opened_position: '21',
        last_position: '21',
        motion: { kind: 'general' },
        topic: null,
      },
    ]);

    // votes are not its business: VoteCast is not even in `handles`, and is skipped if given
    const vote = log.vote(p, newId(), 'yes');
    const closed = log.closed(p, 'passed', { yes: 2, no: 1, abstain: 1 }, 7);
    await applyBatch(db.pool, decisionLogProjection, [vote, closed]);
    expect(await pending()).toEqual([]);
    expect(await listDecisionLog(db.pool, { limit: 10, offset: 0 })).toEqual([
      {
        proposalId: p,
        title: 'Garden',
        authorId: author,
        result: 'passed',
        tally: { yes: 2, no: 1, abstain: 1 },
        direct: { yes: 2, no: 1, abstain: 1 },
        delegated: { yes: 0, no: 0, abstain: 0 },
        motion: { kind: 'general' },
        topic: null,
        electorateSize: 7,
        turnoutBps: 5714, // 4 / 7 = 0.571428... rounded down
        quorumBps: 3000,
        thresholdBps: 6000,
        openedAt: opened.meta.occurredAt,
        closedAt: closed.meta.occurredAt,
        openedPosition: 21,
        closedPosition: 23,
      },
    ]);
  });

  it('folds drafted, opened and closed of several proposals in one batch, skipping other events', async () => {
    const log = new EventLog();
    const [a, b, c] = [newId(), newId(), newId()];
    log.drafted(a, newId(), 'A');
    log.other();
    log.drafted(b, newId(), 'B');
    log.drafted(c, newId(), 'C');
    log.opened(a, ELECTORATE, CLOSES);
    log.opened(b, ELECTORATE, CLOSES);
    log.other('members.MemberVerified');
    log.closed(a, 'rejected', { yes: 1, no: 5, abstain: 0 }, 7);
    log.closed(b, 'no-quorum', { yes: 0, no: 0, abstain: 0 }, 0);
    log.closed(newId(), 'passed', { yes: 1, no: 0, abstain: 0 }, 1); // never drafted: skipped
    expect(await applyBatch(db.pool, decisionLogProjection, log.events)).toBeLessThanOrEqual(4);

    expect(await pending()).toEqual([c]);
    const entries = await listDecisionLog(db.pool, { limit: 10, offset: 0 });
    expect(entries.map((e) => [e.title, e.result, e.turnoutBps, e.openedPosition, e.closedPosition])).toEqual([
      ['B', 'no-quorum', 0, 5, 8],
      ['A', 'rejected', 8571, 4, 7],
    ]);
    expect((await listDecisionLog(db.pool, { limit: 1, offset: 1 })).map((e) => e.title)).toEqual(['A']);
  });

  it('gives the same rows whether the history comes in one batch or many small ones, and twice over', async () => {
    const log = new EventLog();
    const ids = Array.from({ length: 6 }, () => newId());
    ids.forEach((id, i) => log.drafted(id, newId(), `P${i}`));
    ids.slice(0, 5).forEach((id, i) => log.opened(id, { asOfPosition: 2, size: 10 + i }, CLOSES, { ...RULES, quorumBps: 500 * i }));
    ids.slice(0, 3).forEach((id, i) => log.closed(id, 'passed', { yes: 3 + i, no: i, abstain: 1 }, 10 + i));

    await applyBatch(db.pool, decisionLogProjection, log.events);
    const whole = await snapshot(db.pool, decisionLogProjection.tables);
    expect(whole['decision_log']).toHaveLength(3);
    expect(whole['decision_log_pending']).toHaveLength(3);
    await applyBatch(db.pool, decisionLogProjection, log.events);
    expect(await snapshot(db.pool, decisionLogProjection.tables)).toEqual(whole);
    for (const size of [1, 4]) {
      await truncate(db.pool, decisionLogProjection);
      const batches = Array.from({ length: Math.ceil(log.events.length / size) }, (_, i) => log.events.slice(i * size, (i + 1) * size));
      await applyBatches(db.pool, decisionLogProjection, batches);
      expect(await snapshot(db.pool, decisionLogProjection.tables)).toEqual(whole);
    }
  });

  it('serves analysts read-only views of the log and of turnout by month', async () => {
    const log = new EventLog();
    const [a, b, c] = [newId(), newId(), newId()];
    log.drafted(a, newId(), 'January');
    log.drafted(b, newId(), 'Also January');
    log.drafted(c, newId(), 'February');
    log.opened(a, { asOfPosition: 0, size: 10 }, CLOSES);
    log.opened(b, { asOfPosition: 0, size: 20 }, CLOSES);
    log.opened(c, { asOfPosition: 0, size: 3 }, CLOSES);
    log.at('2026-01-31T23:30:00.000Z').closed(a, 'passed', { yes: 4, no: 1, abstain: 0 }, 10);
    log.closed(b, 'no-quorum', { yes: 1, no: 0, abstain: 0 }, 20);
    log.at('2026-02-11T12:00:00.000Z').closed(c, 'rejected', { yes: 0, no: 2, abstain: 0 }, 3);
    await applyBatch(db.pool, decisionLogProjection, log.events);

    const view = await db.pool.query('SELECT title, result, votes_cast, turnout_bps FROM analytics.decision_log ORDER BY closed_position');
    expect(view.rows).toEqual([
      { title: 'January', result: 'passed', votes_cast: 5, turnout_bps: 5000 },
      { title: 'Also January', result: 'no-quorum', votes_cast: 1, turnout_bps: 500 },
      { title: 'February', result: 'rejected', votes_cast: 2, turnout_bps: 6666 },
    ]);
    const months = await db.pool.query(`SELECT to_char(month, 'YYYY-MM-DD') AS month, proposals_closed, passed, rejected, no_quorum,
                                               votes_cast::int, electorate_total::int, turnout_bps, min_turnout_bps, max_turnout_bps
                                          FROM analytics.turnout_by_month ORDER BY month`);
    expect(months.rows).toEqual([
      // pooled turnout: 6 votes over 30 seats
      { month: '2026-01-01', proposals_closed: 2, passed: 1, rejected: 0, no_quorum: 1, votes_cast: 6, electorate_total: 30, turnout_bps: 2000, min_turnout_bps: 500, max_turnout_bps: 5000 },
      { month: '2026-02-01', proposals_closed: 1, passed: 0, rejected: 1, no_quorum: 0, votes_cast: 2, electorate_total: 3, turnout_bps: 6666, min_turnout_bps: 6666, max_turnout_bps: 6666 },
    ]);
    // an analyst granted only SELECT on the analytics schema reads the views, not the tables behind them
    const client = await db.pool.connect();
    const analyst = `analyst_${newId().replace(/-/g, '')}`;
    try {
      await client.query(`CREATE ROLE ${analyst} NOLOGIN`);
      await client.query(`GRANT USAGE ON SCHEMA analytics TO ${analyst}; GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ${analyst}`);
      await client.query(`SET ROLE ${analyst}`);
      expect((await client.query('SELECT count(*)::int AS n FROM analytics.decision_log')).rows[0].n).toBe(3);
      expect((await client.query('SELECT count(*)::int AS n FROM analytics.turnout_by_month')).rows[0].n).toBe(2);
      await expect(client.query('SELECT * FROM read_models.decision_log')).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM analytics.decision_log')).rejects.toThrow(/permission denied|cannot delete from view/);
      await expect(client.query('DELETE FROM analytics.turnout_by_month')).rejects.toThrow();
    } finally {
      await client.query('RESET ROLE');
      await client.query(`DROP OWNED BY ${analyst}; DROP ROLE ${analyst}`);
      client.release();
    }
    // re-running the DDL keeps the views (CREATE OR REPLACE) and the rows
    await install(db.pool, decisionLogProjection);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM analytics.decision_log')).rows[0].n).toBe(3);
  });

  it('drops the pending rows of withdrawn and cancelled proposals, and logs a revised one under its last title', async () => {
    const log = new EventLog(300);
    const [withdrawn, cancelled, revised, author] = [newId(), newId(), newId(), newId()];
    log.drafted(withdrawn, author, 'W');
    log.drafted(cancelled, author, 'C');
    log.drafted(revised, author, 'Old');
    await applyBatch(db.pool, decisionLogProjection, log.events.slice(-3));
    expect(await pending()).toEqual([withdrawn, cancelled, revised].sort());
    log.withdrawn(withdrawn, author);
    log.cancelled(cancelled, newId(), 'Spam.');
    log.revised(revised, author, 'New');
    log.submitted(revised, author);
    log.opened(revised, ELECTORATE, CLOSES);
    log.closed(revised, 'rejected', { yes: 0, no: 3, abstain: 0 }, ELECTORATE.size);
    await applyBatch(db.pool, decisionLogProjection, log.events.slice(3));
    expect(await pending()).toEqual([]);
    const entries = await listDecisionLog(db.pool, { limit: 10, offset: 0 });
    expect(entries.map((e) => [e.proposalId, e.title, e.result])).toEqual([[revised, 'New', 'rejected']]);
  });

  it('records the motion, topic and delegated weight of each decision, and lapsed motions', async () => {
    const log = new EventLog(500);
    const [p, q, author, target] = [newId(), newId(), newId(), newId()];
    const v2 = <E extends { schemaVersion: number; data: unknown }>(event: E, data: object): E => Object.assign(event, { schemaVersion: 2, data: { ...(event.data as object), ...data } });
    v2(log.drafted(p, author, 'Water'), { motion: { kind: 'general' }, topic: 'water' });
    v2(log.drafted(q, author, 'Revoke'), { motion: { kind: 'revoke-role', memberId: target, role: 'moderator' }, topic: null });
    log.opened(p, ELECTORATE, CLOSES);
    log.opened(q, ELECTORATE, CLOSES);
    v2(log.closed(p, 'passed', { yes: 3, no: 1, abstain: 0 }, 7), { direct: { yes: 1, no: 1, abstain: 0 }, delegated: { yes: 2, no: 0, abstain: 0 }, delegationsAsOfPosition: 503 });
    v2(log.closed(q, 'lapsed', { yes: 2, no: 0, abstain: 0 }, 7), { direct: { yes: 2, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, delegationsAsOfPosition: 504 });
    await applyBatches(db.pool, decisionLogProjection, [log.events.slice(0, 3), log.events.slice(3)]);
    const entries = await listDecisionLog(db.pool, { limit: 10, offset: 0 });
    expect(entries.map((e) => ({ title: e.title, result: e.result, topic: e.topic, motion: e.motion.kind, direct: e.direct, delegated: e.delegated }))).toEqual([
      { title: 'Revoke', result: 'lapsed', topic: null, motion: 'revoke-role', direct: { yes: 2, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 } },
      { title: 'Water', result: 'passed', topic: 'water', motion: 'general', direct: { yes: 1, no: 1, abstain: 0 }, delegated: { yes: 2, no: 0, abstain: 0 } },
    ]);
    const { rows } = await db.pool.query("SELECT title, delegated_yes, motion_kind, topic FROM analytics.decision_log WHERE title = 'Water'");
    expect(rows).toEqual([{ title: 'Water', delegated_yes: 2, motion_kind: 'general', topic: 'water' }]);
  });
});
