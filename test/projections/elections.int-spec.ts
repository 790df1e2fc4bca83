import { countStv } from '../../src/governance/counting/stv.js';
import { electionsProjection } from '../../src/projections/governance/elections.projection.js';
import { getElection, listElections, listElectionsDue } from '../../src/read-models/governance/election-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, electionsProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, electionsProjection);
});

/** One STV election for two seats, with a withdrawn candidacy and a changed ballot. */
function stvElection(log: EventLog) {
  const e = newId();
  const [a, b, c, d] = [newId(), newId(), newId(), newId()];
  const voters = Array.from({ length: 7 }, () => newId());
  const stream = `election-${e}`;
  log.append(stream, 'governance.ElectionCalled', {
    electionId: e,
    calledBy: newId(),
    title: 'Moderators',
    role: 'moderator',
    seats: 2,
    method: 'stv',
    nominationsCloseAt: '2026-02-01T00:00:00.000Z',
    closesAt: '2026-02-08T00:00:00.000Z',
    electorate: { asOfPosition: 3, size: 9 },
  });
  for (const [candidate, statement] of [[a, 'Alpha'], [b, 'Beta'], [c, 'Gamma'], [d, 'Delta']] as const) {
    log.append(stream, 'governance.CandidacyDeclared', { electionId: e, candidateId: candidate, statement }, candidate);
  }
  log.append(stream, 'governance.CandidacyWithdrawn', { electionId: e, candidateId: d }, d);
  const rankings = [[a, b], [a, b], [a, c], [a], [b], [c, b], [c]];
  rankings.forEach((choices, i) => log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[i], choices, replacesEarlier: false }, voters[i]));
  log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[6], choices: [c, a], replacesEarlier: true }, voters[6]);
  const latest = [...rankings.slice(0, 6), [c, a]];
  const count = countStv({ electionId: e, seats: 2, candidates: [a, b, c].sort(), ballots: latest });
  log.append(stream, 'governance.ElectionClosed', {
    electionId: e,
    role: 'moderator',
    seats: 2,
    method: 'stv',
    candidates: [a, b, c].sort(),
    winners: count.winners,
    rounds: count.rounds,
    ballotsCounted: count.ballotsCounted,
    electorateSize: 9,
    quota: count.quota,
  });
  return { e, a, b, c, d, voters, count };
}

describe('elections projection', () => {
  it('declares what it handles and owns', () => {
    expect(electionsProjection).toMatchObject({ name: 'elections', version: 1 });
    expect([...electionsProjection.handles].sort()).toEqual([
      'governance.BallotCast',
      'governance.CandidacyDeclared',
      'governance.CandidacyWithdrawn',
      'governance.ElectionCalled',
      'governance.ElectionClosed',
    ]);
    expect(electionsProjection.tables).toEqual(['elections', 'election_candidates', 'election_ballots', 'election_rounds']);
  });

  it('builds an election with candidates, latest ballots, and the result round by round', async () => {
    const log = new EventLog(10);
    const { e, a, b, c, d, voters, count } = stvElection(log);
    await applyBatch(db.pool, electionsProjection, log.events);

    const election = await getElection(db.pool, e);
    expect(election).toMatchObject({
      electionId: e,
      title: 'Moderators',
      role: 'moderator',
      seats: 2,
      method: 'stv',
      status: 'closed',
      electorate: { asOfPosition: 3, size: 9 },
      voters: 7,
      winners: count.winners,
      position: 10,
    });
    expect(election!.candidates.map((x) => [x.candidateId, x.statement, x.status])).toEqual([
      [a, 'Alpha', 'standing'],
      [b, 'Beta', 'standing'],
      [c, 'Gamma', 'standing'],
      [d, 'Delta', 'withdrawn'],
    ]);
    const ranks = Object.fromEntries(election!.candidates.map((x) => [x.candidateId, x.electedRank]));
    count.winners.forEach((w, i) => expect(ranks[w]).toBe(i + 1));
    expect(election!.result).toEqual({
      winners: count.winners,
      ballotsCounted: 7,
      electorateSize: 9,
      quota: '3.00000',
      rounds: count.rounds,
      closedAt: log.events[log.events.length - 1]!.meta.occurredAt,
      position: log.events[log.events.length - 1]!.position,
    });
    expect(count.rounds.length).toBeGreaterThan(1);
    const { rows } = await db.pool.query('SELECT choices, ballots FROM read_models.election_ballots WHERE election_id = $1 AND voter_id = $2', [e, voters[6]]);
    expect(rows).toEqual([{ choices: [c, a], ballots: 2 }]);
    expect(await listElections(db.pool, { limit: 10, offset: 0 })).toMatchObject({ total: 1, items: [{ electionId: e, candidates: 3, status: 'closed' }] });
    expect(await getElection(db.pool, 'nope')).toBeNull();
  });

  it('lists called elections due at a given instant, for the closer', async () => {
    const log = new EventLog(0);
    const e = newId();
    log.append(`election-${e}`, 'governance.ElectionCalled', {
      electionId: e,
      calledBy: newId(),
      title: 'Treasurer',
      role: null,
      seats: 1,
      method: 'irv',
      nominationsCloseAt: '2026-03-01T00:00:00.000Z',
      closesAt: '2026-03-08T00:00:00.000Z',
      electorate: { asOfPosition: 0, size: 1 },
    });
    await applyBatch(db.pool, electionsProjection, log.events);
    expect(await listElectionsDue(db.pool, new Date('2026-03-07T23:59:59.999Z'))).toEqual([]);
    expect(await listElectionsDue(db.pool, new Date('2026-03-08T00:00:00.000Z'))).toEqual([e]);
    expect((await getElection(db.pool, e))!.result).toBeNull();
  });

  it('writes each batch with a bounded number of statements, and the same rows in one batch as in many, applied twice', async () => {
    const log = new EventLog(0);
    stvElection(log);
    stvElection(log);
    const queries = await applyBatch(db.pool, electionsProjection, log.events);
    // Three loads and four multi-row writes, whatever the batch size.
    expect(queries).toBeLessThanOrEqual(7);
    const once = await snapshot(db.pool, electionsProjection.tables);
    await truncate(db.pool, electionsProjection);
    await applyBatches(db.pool, electionsProjection, log.events.map((event) => [event]));
    await applyBatches(db.pool, electionsProjection, [log.events.slice(3, 12)]);
    expect(await snapshot(db.pool, electionsProjection.tables)).toEqual(once);
  });
});
