import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { countStv } from '../../src/governance/counting/stv.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, expectProblem, listen, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let members: TestMember[];

const NOMINATIONS_MS = 3_600_000;
const VOTING_MS = 86_400_000;

beforeAll(async () => {
  // The closer's timer stays out of the way: the test closes the election through the API.
  t = await startTestApp({ READ_WAIT_MS: '2000', CLOSER_INTERVAL_MS: '3600000' });
  await listen(t);
  ({ steward, members } = await community(t, 5));
});

afterAll(async () => {
  await t?.close();
});

async function callElection(title: string, seats: number, method: string): Promise<string> {
  await settle(t);
  const now = t.clock.now().getTime();
  const body = {
    electionId: randomUUID(),
    title,
    role: 'moderator',
    seats,
    method,
    nominationsCloseAt: new Date(now + NOMINATIONS_MS).toISOString(),
    closesAt: new Date(now + NOMINATIONS_MS + VOTING_MS).toISOString(),
  };
  await request(t.server)
    .post('/api/elections')
    .set(auth(steward))
    .send({ ...body, act: actFor(t, steward, 'governance.CallElection', { ...body }) })
    .expect(201);
  return body.electionId;
}

const declare = (member: TestMember, electionId: string) =>
  request(t.server)
    .post(`/api/elections/${electionId}/candidacies`)
    .set(auth(member))
    .send({ statement: '', act: actFor(t, member, 'governance.DeclareCandidacy', { electionId, statement: '' }) })
    .expect(201);

const castBallot = (member: TestMember, electionId: string, choices: string[]) =>
  request(t.server)
    .post(`/api/elections/${electionId}/ballots`)
    .set(auth(member))
    .send({ choices, act: actFor(t, member, 'governance.CastBallot', { electionId, choices }) })
    .expect(201);

describe('GET /api/decision-log/elections', () => {
  it('serves an election run through the API, once closed, with the elected and every counting round', async () => {
    const electionId = await callElection('Moderators', 2, 'stv');
    const [a, b, c, d, e] = members as [TestMember, TestMember, TestMember, TestMember, TestMember];
    for (const m of [a, b, c, d]) await declare(m, electionId);
    t.clock.advance(NOMINATIONS_MS);
    const ballots: [TestMember, string[]][] = [
      [a, [a.memberId, b.memberId]],
      [b, [a.memberId, c.memberId]],
      [c, [c.memberId, d.memberId]],
      [d, [d.memberId, b.memberId]],
      [e, [a.memberId]],
      [steward, [b.memberId, c.memberId]],
    ];
    for (const [voter, choices] of ballots) await castBallot(voter, electionId, choices);
    // a changed ballot: one more ballot, not one more voter
    await castBallot(e, electionId, [b.memberId, d.memberId]);

    const before = (await request(t.server).get('/api/decision-log/elections').expect(200)).body;
    expect(before.items.map((x: { electionId: string }) => x.electionId)).not.toContain(electionId);

    t.clock.advance(VOTING_MS);
    const closed = await request(t.server).post(`/api/elections/${electionId}/close`).expect(201);
    // read-your-writes: the entry is there as soon as the close's position is passed
    const log = (await request(t.server).get('/api/decision-log/elections').query({ atPosition: closed.body.position }).expect(200)).body;

    const candidates = [a.memberId, b.memberId, c.memberId, d.memberId].sort();
    const latest = ballots.map(([voter, choices]) => (voter === e ? [b.memberId, d.memberId] : choices));
    const recount = countStv({ electionId, seats: 2, candidates, ballots: latest });
    expect(recount.rounds.length).toBeGreaterThan(1);
    expect(log.total).toBe(before.total + 1);
    expect(log.items[0]).toEqual({
      electionId,
      title: 'Moderators',
      role: 'moderator',
      seats: 2,
      method: 'stv',
      electorateSize: 6,
      voters: 6,
      ballotsCounted: 6,
      quota: recount.quota,
      candidates,
      elected: recount.winners,
      rounds: recount.rounds,
      tieBreakRules: [...new Set(recount.rounds.flatMap((r) => r.tieBreaks.map((x) => x.rule)))],
      calledAt: expect.any(String),
      closedAt: expect.any(String),
      calledPosition: expect.any(Number),
      closedPosition: closed.body.position,
    });

    // the same count as the election's own page, and positions that point at its events on the log
    const detail = (await request(t.server).get(`/api/elections/${electionId}`).query({ atPosition: closed.body.position }).expect(200)).body;
    expect(detail.result).toMatchObject({ winners: log.items[0].elected, rounds: log.items[0].rounds, position: closed.body.position });
    const { rows } = await t.db.pool.query('SELECT type FROM event_store.events WHERE position = ANY($1::bigint[]) ORDER BY position', [
      [log.items[0].calledPosition, log.items[0].closedPosition],
    ]);
    expect(rows.map((r) => r.type)).toEqual(['governance.ElectionCalled', 'governance.ElectionClosed']);

    // the proposals list keeps its shape: an election is not a proposal entry
    const proposals = (await request(t.server).get('/api/decision-log').expect(200)).body;
    expect(proposals.items.map((x: { proposalId: string }) => x.proposalId)).not.toContain(electionId);
  });

  it('pages, newest close first', async () => {
    for (const title of ['Approval one', 'Approval two']) {
      const electionId = await callElection(title, 1, 'approval');
      await declare(members[0]!, electionId);
      t.clock.advance(NOMINATIONS_MS);
      await castBallot(members[1]!, electionId, [members[0]!.memberId]);
      t.clock.advance(VOTING_MS);
      await request(t.server).post(`/api/elections/${electionId}/close`).expect(201);
    }
    await settle(t);
    const all = (await request(t.server).get('/api/decision-log/elections').expect(200)).body;
    expect(all.items.slice(0, 2).map((x: { title: string }) => x.title)).toEqual(['Approval two', 'Approval one']);
    const page = (await request(t.server).get('/api/decision-log/elections').query({ limit: 1, offset: 1 }).expect(200)).body;
    expect(page).toEqual({ total: all.total, items: [all.items[1]] });
    expect(all.items[0]).toMatchObject({ method: 'approval', quota: null, elected: [members[0]!.memberId], voters: 1, tieBreakRules: [] });
  });

  it('refuses a bad query with a 400 naming each field, and writes nothing', async () => {
    await settle(t);
    const before = await writes(t);
    const bad = await request(t.server).get('/api/decision-log/elections').query({ limit: 0, offset: -1, atPosition: 'soon' });
    expectProblem(bad, 400, 'validation', ['limit', 'offset', 'atPosition']);
    expectProblem(await request(t.server).get('/api/decision-log/elections').query({ limit: 201 }), 400, 'validation', ['limit']);
    expect(await writes(t)).toEqual(before);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await request(t.server).get('/docs-json').expect(200)).body;
    expect(doc.paths['/api/decision-log/elections']?.get).toMatchObject({ summary: expect.stringContaining('counting round') });
    expect(doc.paths['/api/decision-log/elections'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['atPosition', 'limit', 'offset']);
  });
});
