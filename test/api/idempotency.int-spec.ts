import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, draft, expectProblem, listen, open, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let alice: TestMember;
let bob: TestMember;
let proposalId: string;

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  const built = await community(t, 2);
  steward = built.steward;
  [alice, bob] = built.members as [TestMember, TestMember];
  proposalId = await draft(t, steward, { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true });
  await open(t, steward, proposalId);
});

afterAll(async () => {
  await t?.close();
});

/** One vote request body, signed once: retrying it means sending these exact bytes again. */
function voteBody(member: TestMember, choice: string, on = proposalId) {
  return { choice, act: actFor(t, member, 'governance.CastVote', { proposalId: on, choice }) };
}

function postVote(member: TestMember, key: string | undefined, body: object, on = proposalId) {
  const req = request(t.server).post(`/api/proposals/${on}/votes`).set(auth(member));
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
}

async function voteEvents(on = proposalId): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM event_store.events WHERE type = 'governance.VoteCast' AND data->>'proposalId' = $1`, [on]);
  return Number(rows[0]!.n);
}

describe('a retried command', () => {
  it('gets the first status and body again, marked Idempotent-Replayed, and appends nothing more', async () => {
    const key = randomUUID();
    const body = voteBody(alice, 'yes');
    const first = await postVote(alice, key, body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toEqual({ position: expect.any(Number), positions: [first.body.position], receipts: [`/api/ledger/receipts/${first.body.position}`] });
    const after = await writes(t);

    for (let retry = 0; retry < 3; retry++) {
      const again = await postVote(alice, key, body);
      expect({ status: again.status, body: again.body, replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, body: first.body, replayed: 'true' });
      expect(again.headers['content-type']).toMatch(/^application\/json/);
    }
    expect(await writes(t)).toEqual(after);
    expect(await voteEvents()).toBe(1);
  });

  it('without the header, the same signed act is refused as a replay instead', async () => {
    const body = voteBody(bob, 'no');
    await postVote(bob, undefined, body).expect(201);
    const before = await writes(t);
    expectProblem(await postVote(bob, undefined, body), 409, 'replayed-act');
    expect(await writes(t)).toEqual(before);
  });

  it('replays a registration: one account, one member, the same member id', async () => {
    const key = randomUUID();
    const body = { email: 'retrying-rita@example.org', password: 'correct horse battery staple', handle: 'retrying-rita' };
    const first = await request(t.server).post('/api/members').set('Idempotency-Key', key).send(body).expect(201);
    const after = await writes(t);
    const again = await request(t.server).post('/api/members').set('Idempotency-Key', key).send(body);
    expect({ status: again.status, body: again.body, replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    expect(await writes(t)).toEqual(after);
    // Without the key the same registration is a conflict, as it should be.
    expectProblem(await request(t.server).post('/api/members').send(body), 409, 'email-taken');
  });

  it('replays a verification and appends nothing more', async () => {
    const newcomer = await request(t.server).post('/api/members').send({ email: 'nina@example.org', password: 'correct horse battery staple', handle: 'nina' }).expect(201);
    const memberId: string = newcomer.body.memberId;
    const key = randomUUID();
    const body = { evidence: { method: 'in-person', description: 'met in person' }, act: actFor(t, steward, 'members.VerifyMember', { memberId }) };
    const first = await request(t.server).post(`/api/members/${memberId}/verification`).set(auth(steward)).set('Idempotency-Key', key).send(body).expect(201);
    const after = await writes(t);
    const again = await request(t.server).post(`/api/members/${memberId}/verification`).set(auth(steward)).set('Idempotency-Key', key).send(body);
    expect({ status: again.status, body: again.body, replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    expect(await writes(t)).toEqual(after);
  });

  it('sent several times at once appends exactly once; the others replay or are told it is in progress', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = randomUUID();
    const body = voteBody(alice, 'abstain', target);
    const responses = await Promise.all(Array.from({ length: 6 }, () => postVote(alice, key, body, target)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const r of responses.filter((r) => r.status === 409)) expectProblem(r, 409, 'request-in-progress');
    const created = responses.filter((r) => r.status === 201);
    // Exactly one ran the command; any other 201 is a replay of it.
    expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const r of created) expect(r.body).toEqual(created[0]!.body);
    expect(await voteEvents(target)).toBe(1);
    // Once settled, every retry replays.
    const late = await postVote(alice, key, body, target);
    expect({ status: late.status, body: late.body, replayed: late.headers['idempotent-replayed'] }).toEqual({ status: 201, body: created[0]!.body, replayed: 'true' });
  });
});

describe('a reused key', () => {
  it('with a different body is refused with 422 and appends nothing', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = randomUUID();
    await postVote(alice, key, voteBody(alice, 'yes', target), target).expect(201);
    const before = await writes(t);
    // A new choice, and even the same choice under a newly signed act, is a different request.
    for (const body of [voteBody(alice, 'no', target), voteBody(alice, 'yes', target)]) {
      const response = await postVote(alice, key, body, target);
      expectProblem(response, 422, 'idempotency-key-reused');
    }
    expect(await writes(t)).toEqual(before);
    expect(await voteEvents(target)).toBe(1);
  });

  it('on another path is refused with 422 and appends nothing', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = randomUUID();
    await postVote(bob, key, voteBody(bob, 'yes', target), target).expect(201);
    const before = await writes(t);
    const response = await postVote(bob, key, voteBody(bob, 'yes', proposalId), proposalId);
    expectProblem(response, 422, 'idempotency-key-reused');
    expect(await writes(t)).toEqual(before);
  });
});

describe('after a failed first attempt', () => {
  it('a retry with the same key runs the command again (422, then 201 once the rule is met)', async () => {
    const target = await draft(t, steward);
    await settle(t);
    const key = randomUUID();
    const body = voteBody(alice, 'yes', target);
    expectProblem(await postVote(alice, key, body, target), 422, 'proposal-not-open');
    expect(await voteEvents(target)).toBe(0);

    await open(t, steward, target);
    const retried = await postVote(alice, key, body, target);
    expect({ status: retried.status, replayed: retried.headers['idempotent-replayed'] }).toEqual({ status: 201, replayed: undefined });
    expect(await voteEvents(target)).toBe(1);

    const replayed = await postVote(alice, key, body, target);
    expect({ status: replayed.status, body: replayed.body, replayed: replayed.headers['idempotent-replayed'] }).toEqual({ status: 201, body: retried.body, replayed: 'true' });
    expect(await voteEvents(target)).toBe(1);
  });

  it('a 400 is forgotten too: the key then serves a corrected request', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = randomUUID();
    expectProblem(await postVote(bob, key, voteBody(bob, 'maybe', target), target), 400, 'validation', ['choice']);
    const corrected = await postVote(bob, key, voteBody(bob, 'no', target), target);
    expect({ status: corrected.status, replayed: corrected.headers['idempotent-replayed'] }).toEqual({ status: 201, replayed: undefined });
    expect(await voteEvents(target)).toBe(1);
  });

  it('a 401 is forgotten too', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = randomUUID();
    const body = voteBody(alice, 'yes', target);
    const stale = { ...body, act: { ...body.act, signature: body.act.signature.split('').reverse().join('') } };
    expectProblem(await postVote(alice, key, stale, target), 401, 'bad-signature');
    await postVote(alice, key, body, target).expect(201);
    expect(await voteEvents(target)).toBe(1);
  });
});

describe('keys are per member', () => {
  it('two members using the same key each get their own command run', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = 'my-first-vote';
    const byAlice = await postVote(alice, key, voteBody(alice, 'yes', target), target);
    const byBob = await postVote(bob, key, voteBody(bob, 'no', target), target);
    expect([byAlice.status, byBob.status]).toEqual([201, 201]);
    expect(byAlice.headers['idempotent-replayed']).toBeUndefined();
    expect(byBob.headers['idempotent-replayed']).toBeUndefined();
    expect(byBob.body.position).not.toBe(byAlice.body.position);
    expect(await voteEvents(target)).toBe(2);
    const detail = await request(t.server).get(`/api/proposals/${target}`).query({ atPosition: byBob.body.position }).expect(200);
    expect(detail.body.tally).toEqual({ yes: 1, no: 1, abstain: 0 });
  });
});

describe('an invalid key', () => {
  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['empty', ''],
    ['with a tab', 'my\tkey'],
    ['with a space', 'my key'],
    ['with a non-ASCII character', 'clé'],
  ])('%s is a 400 naming Idempotency-Key, and nothing is written', async (_label, key) => {
    const target = proposalId;
    const keys = async () => Number((await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM api.idempotency')).rows[0]!.n);
    const before = { ...(await writes(t)), keys: await keys() };
    const response = await postVote(steward, key, voteBody(steward, 'yes', target), target);
    expectProblem(response, 400, 'validation', ['Idempotency-Key']);
    expect({ ...(await writes(t)), keys: await keys() }).toEqual(before);
  });

  it('of exactly 255 printable characters is accepted', async () => {
    const target = await draft(t, steward);
    await open(t, steward, target);
    const key = '~'.repeat(200) + '!'.repeat(55);
    await postVote(steward, key, voteBody(steward, 'yes', target), target).expect(201);
    const again = await postVote(steward, key, voteBody(steward, 'no', target), target);
    expectProblem(again, 422, 'idempotency-key-reused');
  });

  it('is refused on an anonymous command as well', async () => {
    const before = await writes(t);
    const response = await request(t.server)
      .post('/api/members')
      .set('Idempotency-Key', 'x'.repeat(300))
      .send({ email: 'keyless@example.org', password: 'correct horse battery staple', handle: 'keyless' });
    expectProblem(response, 400, 'validation', ['Idempotency-Key']);
    expect(await writes(t)).toEqual(before);
  });
});
