import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { ElectionCloser } from '../../src/commands/governance/elections/close-election/election-closer.js';
import { countStv } from '../../src/governance/counting/stv.js';
import { actFor, community, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, expectProblem, listen, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let members: TestMember[];
/** Registered with a key, never verified. */
let unverified: TestMember;

const NOMINATIONS_MS = 3_600_000;
const VOTING_MS = 86_400_000;

beforeAll(async () => {
  // The closer's timer stays out of the way: the tests close through the API or call the closer themselves.
  t = await startTestApp({ READ_WAIT_MS: '2000', CLOSER_INTERVAL_MS: '3600000' });
  await listen(t);
  const built = await community(t, 5);
  steward = built.steward;
  members = built.members;
  unverified = await registerMember(t, 'unverified-election-uma');
});

afterAll(async () => {
  await t?.close();
});

async function refused(send: () => PromiseLike<Response>): Promise<Response> {
  await settle(t);
  const before = await writes(t);
  const response = await send();
  expect(await writes(t)).toEqual(before);
  return response;
}

interface CallBody {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  nominationsCloseAt: string;
  closesAt: string;
}

function callBody(change: Partial<CallBody> = {}): CallBody {
  const now = t.clock.now().getTime();
  return {
    electionId: randomUUID(),
    title: 'Moderators',
    role: 'moderator',
    seats: 2,
    method: 'stv',
    nominationsCloseAt: new Date(now + NOMINATIONS_MS).toISOString(),
    closesAt: new Date(now + NOMINATIONS_MS + VOTING_MS).toISOString(),
    ...change,
  };
}

const callElection = (caller: TestMember, body: CallBody) =>
  request(t.server)
    .post('/api/elections')
    .set(auth(caller))
    .send({ ...body, act: actFor(t, caller, 'governance.CallElection', { ...body }) });

async function called(change: Partial<CallBody> = {}): Promise<CallBody> {
  await settle(t);
  const body = callBody(change);
  const response = await callElection(steward, body);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return body;
}

const declare = (member: TestMember, electionId: string, statement = `I am ${member.handle}.`) =>
  request(t.server)
    .post(`/api/elections/${electionId}/candidacies`)
    .set(auth(member))
    .send({ statement, act: actFor(t, member, 'governance.DeclareCandidacy', { electionId, statement }) });

const withdraw = (member: TestMember, electionId: string) =>
  request(t.server)
    .post(`/api/elections/${electionId}/candidacies/mine/withdrawal`)
    .set(auth(member))
    .send({ act: actFor(t, member, 'governance.WithdrawCandidacy', { electionId }) });

const castBallot = (member: TestMember, electionId: string, choices: unknown[], signedChoices: unknown[] = choices) =>
  request(t.server)
    .post(`/api/elections/${electionId}/ballots`)
    .set(auth(member))
    .send({ choices, act: actFor(t, member, 'governance.CastBallot', { electionId, choices: signedChoices }) });

const getElection = async (electionId: string, atPosition?: number) =>
  (await request(t.server).get(`/api/elections/${electionId}`).query(atPosition === undefined ? {} : { atPosition }).expect(200)).body;

/** An election with members[0..2] standing, moved into its voting phase. */
async function inVoting(change: Partial<CallBody> = {}): Promise<CallBody> {
  const election = await called(change);
  for (const m of members.slice(0, 3)) await declare(m, election.electionId).expect(201);
  t.clock.advance(NOMINATIONS_MS);
  return election;
}

describe('an STV election through the API', () => {
  it('calls, takes candidacies and ballots (one changed), closes, and serves the count round by round', async () => {
    const election = await called();
    const { electionId } = election;
    const [a, b, c, d, e] = members as [TestMember, TestMember, TestMember, TestMember, TestMember];
    for (const m of [a, b, c, d]) await declare(m, electionId).expect(201);
    await withdraw(d, electionId).expect(201);
    t.clock.advance(NOMINATIONS_MS);

    const ballots: [TestMember, string[]][] = [
      [a, [a.memberId, b.memberId]],
      [b, [a.memberId, c.memberId]],
      [c, [c.memberId]],
      [d, [b.memberId, a.memberId]],
      [e, [a.memberId]],
      [steward, [c.memberId, b.memberId]],
    ];
    for (const [voter, choices] of ballots) await castBallot(voter, electionId, choices).expect(201);
    // A changed ballot: only the latest counts.
    await castBallot(e, electionId, [b.memberId, c.memberId]).expect(201);

    t.clock.advance(VOTING_MS);
    const closed = await request(t.server).post(`/api/elections/${electionId}/close`).expect(201);
    const body = await getElection(electionId, closed.body.position);
    expectProblem(await refused(() => request(t.server).post(`/api/elections/${electionId}/close`)), 422, 'already-closed');

    const candidates = [a.memberId, b.memberId, c.memberId].sort();
    const latest = [[a.memberId, b.memberId], [a.memberId, c.memberId], [c.memberId], [b.memberId, a.memberId], [b.memberId, c.memberId], [c.memberId, b.memberId]];
    const recount = countStv({ electionId, seats: 2, candidates, ballots: latest });
    expect(body).toMatchObject({ electionId, status: 'closed', method: 'stv', seats: 2, role: 'moderator', voters: 6, winners: recount.winners });
    expect(body.electorate.size).toBe(6);
    expect(body.candidates.map((x: { candidateId: string; status: string }) => [x.candidateId, x.status])).toEqual([
      [a.memberId, 'standing'],
      [b.memberId, 'standing'],
      [c.memberId, 'standing'],
      [d.memberId, 'withdrawn'],
    ]);
    expect(body.result).toMatchObject({ winners: recount.winners, ballotsCounted: 6, electorateSize: 6, quota: '3.00000', rounds: recount.rounds });
    expect(recount.winners).toHaveLength(2);

    // The log holds each ballot as the member's signed act, and the close as the system's derived event.
    const { rows } = await t.db.pool.query(`SELECT type, act, data FROM event_store.events WHERE stream = $1 ORDER BY position`, [`election-${electionId}`]);
    expect(rows.filter((r) => r.type === 'governance.BallotCast').map((r) => r.act.command.command)).toEqual(Array(7).fill('governance.CastBallot'));
    const closing = rows[rows.length - 1];
    expect(closing.type).toBe('governance.ElectionClosed');
    expect(closing.act).toBeNull();
    expect(closing.data).toMatchObject({ electionId, role: 'moderator', seats: 2, method: 'stv', winners: recount.winners, rounds: recount.rounds, ballotsCounted: 6, electorateSize: 6 });

    const list = (await request(t.server).get('/api/elections').query({ status: 'closed' }).expect(200)).body;
    expect(list.items.map((x: { electionId: string }) => x.electionId)).toContain(electionId);
  });

  it("serves each election's phase on the server's clock: nominations, voting, counting, closed", async () => {
    const { electionId } = await called({ title: 'Phases', method: 'irv', seats: 1, role: null });
    await settle(t);
    expect((await getElection(electionId)).phase).toBe('nominations');
    await declare(members[0]!, electionId).expect(201);
    t.clock.advance(NOMINATIONS_MS);
    expect((await getElection(electionId)).phase).toBe('voting');
    const listed = (await request(t.server).get('/api/elections').query({ status: 'called' }).expect(200)).body;
    expect(listed.items.find((x: { electionId: string }) => x.electionId === electionId)).toMatchObject({ phase: 'voting' });
    t.clock.advance(VOTING_MS);
    expect((await getElection(electionId)).phase).toBe('counting');
    const closed = await request(t.server).post(`/api/elections/${electionId}/close`).expect(201);
    expect((await getElection(electionId, closed.body.position)).phase).toBe('closed');
  });

  it('is closed and counted by the system closer once the time is up, not before (instant runoff)', async () => {
    const { electionId } = await inVoting({ method: 'irv', seats: 1, role: null, title: 'Treasurer' });
    await castBallot(members[3]!, electionId, [members[1]!.memberId]).expect(201);
    t.clock.advance(VOTING_MS - 1);
    await settle(t);
    const closer = t.app.get(ElectionCloser);
    expect(await closer.closeDue(t.clock.now())).toBe(0);
    t.clock.advance(1);
    expect(await closer.closeDue(t.clock.now())).toBe(1);
    await settle(t);
    const body = await getElection(electionId);
    expect(body).toMatchObject({ status: 'closed', role: null, winners: [members[1]!.memberId], result: { ballotsCounted: 1, quota: null } });
    expect(body.result.rounds).toEqual([expect.objectContaining({ round: 1, elected: [members[1]!.memberId] })]);
  });
});

describe('bad inputs: a problem+json, nothing written', () => {
  it('refuses an election called by a member who is not a steward (403 not-steward)', async () => {
    expectProblem(await refused(() => callElection(members[0]!, callBody())), 403, 'not-steward');
  });

  it('refuses a bad method, seats, role, title and times (400 naming each)', async () => {
    const response = await refused(() => callElection(steward, { ...callBody(), method: 'borda', seats: 0, role: 'king', title: '' }));
    expectProblem(response, 400, 'validation', ['method', 'seats', 'role', 'title']);
    expectProblem(await refused(() => callElection(steward, callBody({ method: 'irv', seats: 2 }))), 400, 'validation', ['seats']);
    const now = t.clock.now().getTime();
    const late = callBody({ nominationsCloseAt: new Date(now + 120_000).toISOString(), closesAt: new Date(now + 130_000).toISOString() });
    expectProblem(await refused(() => callElection(steward, late)), 400, 'validation', ['closesAt']);
  });

  it('refuses a candidacy of an unverified member (422 member-not-verified)', async () => {
    const { electionId } = await called();
    expectProblem(await refused(() => declare(unverified, electionId)), 422, 'member-not-verified');
  });

  it('refuses a second candidacy of a member who already stands (422 already-candidate)', async () => {
    const { electionId } = await called();
    await declare(members[0]!, electionId).expect(201);
    expectProblem(await refused(() => declare(members[0]!, electionId, 'Once more.')), 422, 'already-candidate');
  });

  it('refuses a ballot before nominations close (422 voting-not-open)', async () => {
    const { electionId } = await called();
    await declare(members[0]!, electionId).expect(201);
    expectProblem(await refused(() => castBallot(members[1]!, electionId, [members[0]!.memberId])), 422, 'voting-not-open');
  });

  describe('in the voting phase', () => {
    let electionId: string;
    let candidates: string[];
    beforeAll(async () => {
      ({ electionId } = await inVoting());
      candidates = members.slice(0, 3).map((m) => m.memberId);
    });

    it('refuses a ballot of a member who is not verified (422 not-in-electorate)', async () => {
      expectProblem(await refused(() => castBallot(unverified, electionId, [candidates[0]!])), 422, 'not-in-electorate');
    });

    it('refuses a ballot naming a member who does not stand (422 not-a-candidate)', async () => {
      expectProblem(await refused(() => castBallot(members[4]!, electionId, [candidates[0]!, members[4]!.memberId])), 422, 'not-a-candidate');
    });

    it('refuses a ranking naming a candidate twice (400 naming choices)', async () => {
      expectProblem(await refused(() => castBallot(members[4]!, electionId, [candidates[0]!, candidates[1]!, candidates[0]!])), 400, 'validation', ['choices']);
    });

    it('refuses an empty ballot and a choice that is not an id (400 naming choices)', async () => {
      expectProblem(await refused(() => castBallot(members[4]!, electionId, [])), 400, 'validation', ['choices']);
      expectProblem(await refused(() => castBallot(members[4]!, electionId, ['someone'])), 400, 'validation', ['choices']);
    });

    it('refuses a ballot whose signature covers other choices (401 bad-signature)', async () => {
      expectProblem(await refused(() => castBallot(members[4]!, electionId, [candidates[0]!], [candidates[1]!])), 401, 'bad-signature');
    });

    it('refuses a withdrawal once voting has started (422 nominations-closed)', async () => {
      expectProblem(await refused(() => withdraw(members[0]!, electionId)), 422, 'nominations-closed');
    });

    it('refuses the same ballot again, which would change nothing (422 same-ballot)', async () => {
      await castBallot(members[2]!, electionId, [candidates[0]!, candidates[1]!]).expect(201);
      expectProblem(await refused(() => castBallot(members[2]!, electionId, [candidates[0]!, candidates[1]!])), 422, 'same-ballot');
    });

    it('refuses to close and count while voting is open (422 voting-still-open)', async () => {
      expectProblem(await refused(() => request(t.server).post(`/api/elections/${electionId}/close`)), 422, 'voting-still-open');
    });

    it('refuses a ballot after the close (422 ballot-after-close), before and after the count is published', async () => {
      await castBallot(members[4]!, electionId, [candidates[2]!]).expect(201);
      t.clock.advance(VOTING_MS);
      expectProblem(await refused(() => castBallot(members[3]!, electionId, [candidates[0]!])), 422, 'ballot-after-close');
      await request(t.server).post(`/api/elections/${electionId}/close`).expect(201);
      await settle(t);
      expectProblem(await refused(() => castBallot(members[3]!, electionId, [candidates[0]!])), 422, 'ballot-after-close');
      const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream = $1 AND type = 'governance.ElectionClosed'`, [`election-${electionId}`]);
      expect(rows[0].n).toBe(1);
    });
  });

  it('answers 400 naming electionId for a malformed id, and 404 for an unknown election', async () => {
    expectProblem(await refused(() => castBallot(members[0]!, 'not-a-uuid', [members[1]!.memberId])), 400, 'validation', ['electionId']);
    expectProblem(await request(t.server).get(`/api/elections/${randomUUID()}`), 404, 'election-not-found');
    expectProblem(await refused(() => declare(members[0]!, randomUUID())), 404, 'election-not-found');
  });
});
