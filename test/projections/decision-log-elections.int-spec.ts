import { countElection, type ElectionMethod } from '../../src/governance/counting/index.js';
import { decisionLogProjection } from '../../src/projections/governance/decision-log.projection.js';
import { countElectionDecisions, listElectionDecisions } from '../../src/read-models/governance/decision-log-election-queries.js';
import { listDecisionLog } from '../../src/read-models/governance/proposal-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, decisionLogProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, decisionLogProjection);
});

const pending = async () => (await db.pool.query('SELECT election_id, voters FROM read_models.decision_log_elections_pending ORDER BY 1')).rows;

/** Calls an election, casts the ballots (the first voter changes their mind once) and, unless told not to, closes it with the real count. */
function election(log: EventLog, title: string, method: ElectionMethod, seats: number, rankings: (c: string[]) => string[][], close = true) {
  const e = newId();
  const candidates = [newId(), newId(), newId(), newId()].sort();
  const stream = `election-${e}`;
  const called = log.append(stream, 'governance.ElectionCalled', {
    electionId: e,
    calledBy: newId(),
    title,
    role: 'moderator',
    seats,
    method,
    nominationsCloseAt: '2026-02-01T00:00:00.000Z',
    closesAt: '2026-02-08T00:00:00.000Z',
    electorate: { asOfPosition: 2, size: 10 },
  });
  for (const c of candidates) log.append(stream, 'governance.CandidacyDeclared', { electionId: e, candidateId: c, statement: '' }, c);
  const ballots = rankings(candidates);
  const voters = ballots.map(() => newId());
  log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[0], choices: [candidates[3]], replacesEarlier: false }, voters[0]);
  ballots.forEach((choices, i) => log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[i], choices, replacesEarlier: i === 0 }, voters[i]));
  const count = countElection({ electionId: e, method, seats, candidates, ballots });
  const closed = close
    ? log.append(stream, 'governance.ElectionClosed', {
        electionId: e,
        role: 'moderator',
        seats,
        method,
        candidates,
        winners: count.winners,
        rounds: count.rounds,
        ballotsCounted: count.ballotsCounted,
        electorateSize: 10,
        quota: count.quota,
      })
    : null;
  return { e, candidates, count, called, closed };
}

describe('decision-log projection: elections', () => {
  it('keeps a pending row while an election runs, then writes its entry with every round when it closes', async () => {
    const log = new EventLog(50);
    const { e, candidates: [a, b, c, d], count, called, closed } = election(log, 'Moderators', 'stv', 2, ([a, b, c, d]) => [
      [a!, b!], [a!, b!], [a!, c!], [a!], [b!], [c!, b!], [c!], [d!, c!], [d!, b!],
    ]);
    expect(count.rounds.length).toBeGreaterThan(2);
    await applyBatch(db.pool, decisionLogProjection, log.events.slice(0, -1));
    expect(await pending()).toEqual([{ election_id: e, voters: 9 }]);
    expect(await countElectionDecisions(db.pool)).toBe(0);

    expect(await applyBatch(db.pool, decisionLogProjection, [closed!])).toBeLessThanOrEqual(3);
    expect(await pending()).toEqual([]);
    expect(await listElectionDecisions(db.pool, { limit: 10, offset: 0 })).toEqual([
      {
        electionId: e,
        title: 'Moderators',
        role: 'moderator',
        seats: 2,
        method: 'stv',
        electorateSize: 10,
        voters: 9,
        ballotsCounted: 9,
        quota: count.quota,
        candidates: [a, b, c, d],
        elected: count.winners,
        rounds: count.rounds,
        tieBreakRules: [...new Set(count.rounds.flatMap((r) => r.tieBreaks.map((t) => t.rule)))],
        calledAt: called.meta.occurredAt,
        closedAt: closed!.meta.occurredAt,
        calledPosition: 50,
        closedPosition: closed!.position,
      },
    ]);
    // the proposal entries are untouched
    expect(await listDecisionLog(db.pool, { limit: 10, offset: 0 })).toEqual([]);
  });

  it('folds several elections and proposals in one batch, newest close first, paged', async () => {
    const log = new EventLog();
    const first = election(log, 'First', 'approval', 2, ([a, b, c]) => [[a!, b!], [b!, c!], [c!]]);
    const p = newId();
    log.drafted(p, newId(), 'A proposal');
    const second = election(log, 'Second', 'irv', 1, ([a, b]) => [[a!], [b!]]);
    const running = election(log, 'Running', 'irv', 1, ([a]) => [[a!]], false);
    log.opened(p, { asOfPosition: 0, size: 5 }, '2026-03-01T00:00:00.000Z');
    log.closed(p, 'passed', { yes: 3, no: 0, abstain: 0 }, 5);
    expect(await applyBatch(db.pool, decisionLogProjection, log.events)).toBeLessThanOrEqual(8);

    expect(await pending()).toEqual([{ election_id: running.e, voters: 1 }]);
    const entries = await listElectionDecisions(db.pool, { limit: 10, offset: 0 });
    expect(entries.map((x) => [x.title, x.method, x.elected, x.rounds.length, x.tieBreakRules])).toEqual([
      ['Second', 'irv', second.count.winners, second.count.rounds.length, ['lot']],
      ['First', 'approval', first.count.winners, 1, []],
    ]);
    expect((await listElectionDecisions(db.pool, { limit: 1, offset: 1 })).map((x) => x.title)).toEqual(['First']);
    expect(await countElectionDecisions(db.pool)).toBe(2);
    expect((await listDecisionLog(db.pool, { limit: 10, offset: 0 })).map((x) => x.title)).toEqual(['A proposal']);
  });

  it('gives the same rows whether the history comes in one batch or many small ones, and twice over', async () => {
    const log = new EventLog();
    election(log, 'One', 'stv', 2, ([a, b, c, d]) => [[a!, b!], [a!, c!], [b!], [c!, a!], [d!, c!]]);
    election(log, 'Two', 'approval', 1, ([a, b]) => [[a!, b!], [b!]]);
    election(log, 'Three', 'irv', 1, ([a, b, c]) => [[a!], [b!, a!], [c!, b!]], false);
    await applyBatch(db.pool, decisionLogProjection, log.events);
    const whole = await snapshot(db.pool, decisionLogProjection.tables);
    expect(whole['decision_log_elections']).toHaveLength(2);
    expect(whole['decision_log_elections_pending']).toHaveLength(1);
    await applyBatch(db.pool, decisionLogProjection, log.events);
    expect(await snapshot(db.pool, decisionLogProjection.tables)).toEqual(whole);
    for (const sizes of [[1], [4], [3, 50, 1]]) {
      await truncate(db.pool, decisionLogProjection);
      await applyBatches(db.pool, decisionLogProjection, chunk(log.events, sizes));
      expect(await snapshot(db.pool, decisionLogProjection.tables)).toEqual(whole);
    }
  });
});
