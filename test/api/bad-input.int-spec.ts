import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request, { type Response } from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { proposalStream } from '../../src/events/governance/proposal-events.js';
import { actFor, community, registerMember, verifyMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, auth, draft, expectProblem, listen, newKey, open, PROBLEM_JSON, settle, vote, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let alice: TestMember;
let bob: TestMember;
/** Registered with a key, never verified. */
let unverified: TestMember;
/** Verified only after `changeable` and `fixed` opened. */
let late: TestMember;
/** Open, votes may be changed. */
let changeable: string;
/** Open, a vote is final. */
let fixed: string;

beforeAll(async () => {
  t = await startTestApp({ READ_WAIT_MS: '200' });
  await listen(t);
  const built = await community(t, 2);
  steward = built.steward;
  [alice, bob] = built.members as [TestMember, TestMember];
  unverified = await registerMember(t, 'unverified-una');
  late = await registerMember(t, 'late-lou');
  changeable = await draft(t, alice, { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true });
  fixed = await draft(t, alice, { quorumBps: 0, thresholdBps: 5000, allowVoteChange: false });
  await open(t, alice, changeable);
  await open(t, steward, fixed);
  await verifyMember(t, steward, late.memberId);
  await settle(t);
});

afterAll(async () => {
  await t?.close();
});

/** Runs a request that must fail, and asserts that it wrote nothing: no event, same log head, no account row. */
async function refused(send: () => PromiseLike<Response>): Promise<Response> {
  const before = await writes(t);
  const response = await send();
  expect(await writes(t)).toEqual(before);
  return response;
}

const post = (path: string, member?: TestMember) => {
  const req = request(t.server).post(path);
  return member ? req.set(auth(member)) : req;
};

function draftBody(overrides: Record<string, unknown> = {}, rules: Record<string, unknown> = {}) {
  const body = { proposalId: randomUUID(), title: 'Plant trees', body: 'Along the river.', rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true, ...rules }, ...overrides };
  return body;
}

describe('malformed input: 400 problem naming the field, nothing written', () => {
  it('refuses a body that is not JSON', async () => {
    const response = await refused(() => post('/api/members').set('Content-Type', 'application/json').send('{"email": "a@example.org", '));
    expectProblem(response, 400, 'malformed', ['body']);
  });

  it('refuses a body that is not JSON on an authenticated command', async () => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).set('Content-Type', 'application/json').send('{choice: yes}'));
    expectProblem(response, 400, 'malformed', ['body']);
  });

  it('refuses unknown fields at the top level', async () => {
    const response = await refused(() =>
      post('/api/members').send({ email: 'sneaky@example.org', password: 'long enough password', handle: 'sneaky', isAdmin: true }),
    );
    expectProblem(response, 400, 'validation', ['isAdmin']);
  });

  it('refuses unknown fields inside nested objects', async () => {
    const body = draftBody({}, { vetoBy: 'alice' });
    const response = await refused(() =>
      post('/api/proposals', alice).send({ ...body, act: { ...actFor(t, alice, 'governance.DraftProposal', draftProposalSignedFields(body)), extra: 1 } }),
    );
    expectProblem(response, 400, 'validation', ['rules.vetoBy', 'act.extra']);
  });

  it('refuses a registration with fields of the wrong type', async () => {
    const response = await refused(() => post('/api/members').send({ email: 42, password: 1234567890123, handle: ['bob'] }));
    expectProblem(response, 400, 'validation', ['email', 'password', 'handle']);
  });

  it('refuses a registration with missing fields', async () => {
    const response = await refused(() => post('/api/members').send({}));
    expectProblem(response, 400, 'validation', ['email', 'password', 'handle']);
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['a handle starting with a digit', { handle: '9lives' }, 'handle'],
    ['a handle in capitals', { handle: 'Shouty' }, 'handle'],
    ['an email that is not one', { email: 'not-an-email' }, 'email'],
  ])('refuses a registration with %s', async (_label, change, field) => {
    const response = await refused(() => post('/api/members').send({ email: 'fresh@example.org', password: 'long enough password', handle: 'fresh', ...change }));
    expectProblem(response, 400, 'validation', [field]);
  });

  it.each([
    ['above 10000', 10001],
    ['negative', -1],
    ['fractional', 12.5],
    ['a string', '5000'],
  ])('refuses a draft whose rules.quorumBps is %s', async (_label, quorumBps) => {
    const body = draftBody({}, { quorumBps });
    const response = await refused(() =>
      post('/api/proposals', alice).send({ ...body, act: actFor(t, alice, 'governance.DraftProposal', draftProposalSignedFields(body)) }),
    );
    expectProblem(response, 400, 'validation', ['rules.quorumBps']);
    expect((response.body.errors as { field: string }[]).every((e) => e.field === 'rules.quorumBps')).toBe(true);
  });

  it('refuses a draft with missing and mistyped fields, naming each', async () => {
    const response = await refused(() =>
      post('/api/proposals', alice).send({ proposalId: 'p-1', title: '', body: 7, act: actFor(t, alice, 'governance.DraftProposal', {}) }),
    );
    expectProblem(response, 400, 'validation', ['proposalId', 'title', 'body', 'rules']);
  });

  it('refuses a draft with rules of the wrong shape', async () => {
    const body = draftBody({ rules: { quorumBps: 2000, thresholdBps: 10000, allowVoteChange: 'yes' } });
    const response = await refused(() =>
      post('/api/proposals', alice).send({ ...body, act: actFor(t, alice, 'governance.DraftProposal', draftProposalSignedFields(body)) }),
    );
    expectProblem(response, 400, 'validation', ['rules.thresholdBps', 'rules.allowVoteChange']);
  });

  it("refuses a vote for 'maybe'", async () => {
    const response = await refused(() => vote(t, alice, changeable, 'maybe'));
    expectProblem(response, 400, 'validation', ['choice']);
    expect((response.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['choice']);
  });

  it('refuses a vote without a choice', async () => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).send({ act: actFor(t, alice, 'governance.CastVote', { proposalId: changeable }) }));
    expectProblem(response, 400, 'validation', ['choice']);
  });

  it.each([
    ['a vote', () => post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes' })],
    ['a verification', () => post(`/api/members/${unverified.memberId}/verification`, steward).send({})],
    ['an opening', () => post(`/api/proposals/${changeable}/open`, steward).send({ closesAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() })],
    ['a draft', () => post('/api/proposals', alice).send(draftBody())],
    ['a key registration', () => post('/api/members/me/keys', alice).send({ publicKey: newKey().publicKey })],
  ])('refuses %s without its act', async (_label, send) => {
    const response = await refused(send);
    expectProblem(response, 400, 'validation', ['act']);
  });

  it.each([
    ['signature too short', { signature: 'abc' }, 'act.signature'],
    ['signature not base64url', { signature: `${'+'.repeat(86)}` }, 'act.signature'],
    ['issuedAt not a date', { issuedAt: 'yesterday' }, 'act.issuedAt'],
    ['keyId of the wrong length', { keyId: 'abc' }, 'act.keyId'],
    ['nonce missing', { nonce: undefined }, 'act.nonce'],
  ])('refuses an act with a %s', async (_label, change, field) => {
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: { ...actFor(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }), ...change } }),
    );
    expectProblem(response, 400, 'validation', [field]);
  });

  it.each([
    ['without a time zone', (now: string) => now.slice(0, 19)],
    ['as a date only', (now: string) => now.slice(0, 10)],
  ])('refuses a genuinely signed act whose issuedAt is %s (400 naming act.issuedAt)', async (_label, spell) => {
    const issuedAt = spell(t.clock.now().toISOString());
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: act(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }, { issuedAt }) }),
    );
    expectProblem(response, 400, 'validation', ['act.issuedAt']);
  });

  it.each([
    ['without a time zone', (at: string) => at.slice(0, 19)],
    ['as a date only', (at: string) => at.slice(0, 10)],
  ])('refuses a closesAt %s: the deadline would depend on the server time zone (400 naming closesAt)', async (_label, spell) => {
    const drafted = await draft(t, alice);
    await settle(t);
    const closesAt = spell(new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString());
    const response = await refused(() => post(`/api/proposals/${drafted}/open`, alice).send({ closesAt, act: actFor(t, alice, 'governance.OpenProposal', { proposalId: drafted, closesAt }) }));
    expectProblem(response, 400, 'validation', ['closesAt']);
  });

  it('refuses an act that is not an object', async () => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: 'signed, honestly' }));
    expectProblem(response, 400, 'validation', ['act']);
  });

  it.each([
    ['a vote', () => post('/api/proposals/not-a-uuid/votes', alice).send({ choice: 'yes', act: actFor(t, alice, 'governance.CastVote', { proposalId: 'not-a-uuid', choice: 'yes' }) }), 'proposalId'],
    ['an opening', () => post('/api/proposals/123/open', steward).send({ closesAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(), act: actFor(t, steward, 'governance.OpenProposal', {}) }), 'proposalId'],
    ['a close', () => post('/api/proposals/1%27%20OR%201=1/close'), 'proposalId'],
    ['a verification', () => post('/api/members/someone/verification', steward).send({ act: actFor(t, steward, 'members.VerifyMember', { memberId: 'someone' }) }), 'memberId'],
    ['a proposal query', () => request(t.server).get('/api/proposals/not-a-uuid'), 'proposalId'],
    ['a member query', () => request(t.server).get('/api/members/not-a-uuid'), 'memberId'],
  ])('refuses a malformed UUID in the path of %s', async (_label, send, field) => {
    const response = await refused(send);
    expectProblem(response, 400, 'validation', [field]);
  });

  it.each([
    ['negative', '-1'],
    ['not a number', 'soon'],
    ['fractional', '1.5'],
    ['beyond any position the log can hold', '1e20'],
    ['beyond a safe integer', '9007199254740993'],
  ])('refuses an atPosition that is %s', async (_label, atPosition) => {
    for (const path of ['/api/proposals', `/api/proposals/${changeable}`, '/api/members', `/api/members/${alice.memberId}`, '/api/decision-log']) {
      const response = await request(t.server).get(path).query({ atPosition });
      expectProblem(response, 400, 'validation', ['atPosition']);
    }
  });

  it('refuses an offset beyond any row (not a 500)', async () => {
    for (const path of ['/api/proposals', '/api/members', '/api/decision-log']) {
      expectProblem(await request(t.server).get(path).query({ offset: '1e20' }), 400, 'validation', ['offset']);
    }
  });

  it('refuses a body over the size limit (413 too-large)', async () => {
    const response = await refused(() => post('/api/members').send({ email: 'big@example.org', password: 'x'.repeat(300_000), handle: 'big' }));
    expectProblem(response, 413, 'too-large');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await refused(() => post('/api/motions').send({}));
    expect({ status: response.status, contentType: response.headers['content-type'], status2: response.body.status }).toEqual({
      status: 404,
      contentType: expect.stringMatching(PROBLEM_JSON),
      status2: 404,
    });
  });

  it('refuses unknown query parameters and a bad status filter', async () => {
    expectProblem(await request(t.server).get('/api/proposals').query({ status: 'pending' }), 400, 'validation', ['status']);
    expectProblem(await request(t.server).get('/api/proposals').query({ limit: 1000 }), 400, 'validation', ['limit']);
  });
});

describe('signed acts: 401 for an act that is not genuinely this member’s statement of this request', () => {
  it('refuses an act signed by another key under the member’s key id (bad-signature)', async () => {
    const mallory = newKey();
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: act(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }, { signWith: mallory.privateKey }) }),
    );
    expectProblem(response, 401, 'bad-signature');
  });

  it('refuses a signature with a flipped bit (bad-signature)', async () => {
    const genuine = actFor(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' });
    const bytes = Buffer.from(genuine.signature, 'base64url');
    bytes[5]! ^= 1;
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: { ...genuine, signature: bytes.toString('base64url') } }));
    expectProblem(response, 401, 'bad-signature');
  });

  it('refuses an act presented with a different nonce or issuedAt than it was signed with (bad-signature)', async () => {
    const genuine = actFor(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' });
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: { ...genuine, nonce: randomUUID() } }));
    expectProblem(response, 401, 'bad-signature');
  });

  // On the wire an act is only { keyId, issuedAt, nonce, signature }: the server rebuilds the signed
  // statement from the request itself (src/api/act.dto.ts signedActOf). A signature over other fields
  // than the request states therefore cannot verify, and is refused as bad-signature; `act-mismatch`
  // is what verifyAct reports when an act carries its own statement (the ledger, the CLI).
  it.each([
    ['another choice than the request states', () => ({ proposalId: changeable, choice: 'no' }), 'governance.CastVote'],
    ['another proposal', () => ({ proposalId: fixed, choice: 'yes' }), 'governance.CastVote'],
    ['more fields than the request states', () => ({ proposalId: changeable, choice: 'yes', weight: 100 }), 'governance.CastVote'],
    ['another command', () => ({ proposalId: changeable, choice: 'yes' }), 'governance.OpenProposal'],
  ])('refuses a genuine signature over %s (401 bad-signature)', async (_label, fields, command) => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: actFor(t, alice, command, fields()) }));
    expectProblem(response, 401, 'bad-signature');
  });

  it('refuses a genuine act of one member presented with another member’s token (unknown-key)', async () => {
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, bob).send({ choice: 'yes', act: actFor(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }) }),
    );
    expectProblem(response, 401, 'unknown-key');
  });

  it.each([
    ['an hour ago', -3600_000],
    ['an hour ahead', 3600_000],
    ['just beyond the allowed skew', -301_000],
  ])('refuses an act issued %s (act-expired)', async (_label, offset) => {
    const issuedAt = new Date(t.clock.now().getTime() + offset).toISOString();
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({ choice: 'yes', act: act(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }, { issuedAt }) }),
    );
    expectProblem(response, 401, 'act-expired');
  });

  it('refuses an act replayed with the same nonce (replayed-act), keeping the first', async () => {
    const signed = actFor(t, bob, 'governance.CastVote', { proposalId: changeable, choice: 'no' });
    const first = await post(`/api/proposals/${changeable}/votes`, bob).send({ choice: 'no', act: signed });
    expect(first.status).toBe(201);
    // Bob changes his mind; a captured copy of his first act must not flip it back.
    await vote(t, bob, changeable, 'yes').expect(201);
    const replay = await refused(() => post(`/api/proposals/${changeable}/votes`, bob).send({ choice: 'no', act: signed }));
    expectProblem(replay, 409, 'replayed-act');
    const again = await refused(() => post(`/api/proposals/${changeable}/votes`, bob).send({ choice: 'no', act: signed }));
    expectProblem(again, 409, 'replayed-act');
    const recorded = await t.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events WHERE stream = $1 AND act->'command'->>'nonce' = $2`,
      [proposalStream(changeable), signed.nonce],
    );
    expect(Number(recorded.rows[0]!.n)).toBe(1);
    await settle(t);
    const detail = await request(t.server).get(`/api/proposals/${changeable}`).expect(200);
    expect(detail.body.tally).toMatchObject({ yes: 1, no: 0 });
  });

  it('refuses a key id that is registered to nobody (unknown-key)', async () => {
    const stranger = newKey();
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({
        choice: 'yes',
        act: act(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }, { signWith: stranger.privateKey, keyId: stranger.keyId }),
      }),
    );
    expectProblem(response, 401, 'unknown-key');
  });

  it('refuses another member’s key id, even with a signature by that key (unknown-key)', async () => {
    const response = await refused(() =>
      post(`/api/proposals/${changeable}/votes`, alice).send({
        choice: 'yes',
        act: act(t, alice, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }, { signWith: bob.privateKey, keyId: bob.keyId }),
      }),
    );
    expectProblem(response, 401, 'unknown-key');
  });

  it('refuses a key registration whose act is not signed by the new key (bad-signature)', async () => {
    const fresh = newKey();
    const response = await refused(() =>
      post('/api/members/me/keys', alice).send({
        publicKey: fresh.publicKey,
        act: act(t, alice, 'members.RegisterKey', { publicKey: fresh.publicKey }, { keyId: fresh.keyId, signWith: alice.privateKey }),
      }),
    );
    expectProblem(response, 401, 'bad-signature');
  });
});

describe('authentication: 401', () => {
  const castBy = (member: TestMember) => ({ choice: 'yes', act: actFor(t, member, 'governance.CastVote', { proposalId: changeable, choice: 'yes' }) });

  it('refuses a command without a bearer token (missing-token)', async () => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`).send(castBy(alice)));
    expectProblem(response, 401, 'missing-token');
  });

  it('refuses another authorization scheme (missing-token)', async () => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`).set('Authorization', `Basic ${Buffer.from('alice:pw').toString('base64')}`).send(castBy(alice)));
    expectProblem(response, 401, 'missing-token');
  });

  it.each([
    ['garbage', () => 'not.a.jwt'],
    ['signed with another secret', () => new JwtService({ secret: 'another-secret-of-sufficient-length-0123' }).sign({ sub: alice.memberId })],
    ['expired', () => t.app.get(JwtService).sign({ sub: alice.memberId, exp: Math.floor(Date.now() / 1000) - 60 })],
    ['tampered', () => `${alice.token.slice(0, -2)}${alice.token.endsWith('AA') ? 'BB' : 'AA'}`],
    ['unsigned (alg none)', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: alice.memberId })).toString('base64url')}.`],
  ])('refuses a %s token (bad-token)', async (_label, token) => {
    const response = await refused(() => post(`/api/proposals/${changeable}/votes`).set('Authorization', `Bearer ${token()}`).send(castBy(alice)));
    expectProblem(response, 401, 'bad-token');
  });

  it('refuses a login with a wrong password (bad-credentials)', async () => {
    const response = await refused(() => post('/api/auth/login').send({ email: alice.email, password: 'wrong horse battery staple' }));
    expectProblem(response, 401, 'bad-credentials');
    expect(response.body.accessToken).toBeUndefined();
  });

  it('answers an unknown email exactly like a wrong password (bad-credentials)', async () => {
    const response = await refused(() => post('/api/auth/login').send({ email: 'nobody@example.org', password: 'correct horse battery staple' }));
    expectProblem(response, 401, 'bad-credentials');
    expect(response.body.detail).toBe('email or password is wrong');
  });

  it('refuses a malformed login (400 naming the field)', async () => {
    expectProblem(await post('/api/auth/login').send({ email: 'nope', password: '' }), 400, 'validation', ['email', 'password']);
  });
});

describe('rules of the community: 403, 404, 409, 422', () => {
  it('refuses a vote by an unverified member (422 not-in-electorate)', async () => {
    const response = await refused(() => vote(t, unverified, changeable, 'yes'));
    expectProblem(response, 422, 'not-in-electorate');
  });

  it('refuses a vote by a member verified after the proposal opened (422 not-in-electorate)', async () => {
    const response = await refused(() => vote(t, late, changeable, 'yes'));
    expectProblem(response, 422, 'not-in-electorate');
  });

  it('refuses a second vote where votes may not change (422 already-voted)', async () => {
    await vote(t, alice, fixed, 'yes').expect(201);
    for (const choice of ['no', 'abstain', 'yes']) {
      const response = await refused(() => vote(t, alice, fixed, choice));
      expectProblem(response, 422, 'already-voted');
    }
  });

  it('refuses the same choice again where votes may change (422 same-vote), keeping the first', async () => {
    const proposalId = await draft(t, alice, { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true });
    await open(t, alice, proposalId);
    await vote(t, bob, proposalId, 'no').expect(201);
    expectProblem(await refused(() => vote(t, bob, proposalId, 'no')), 422, 'same-vote');
    await settle(t);
    const detail = await request(t.server).get(`/api/proposals/${proposalId}`).expect(200);
    expect(detail.body).toMatchObject({ tally: { yes: 0, no: 1, abstain: 0 } });
  });

  it('refuses to close a proposal while voting is open (422 voting-still-open)', async () => {
    expectProblem(await refused(() => post(`/api/proposals/${changeable}/close`)), 422, 'voting-still-open');
  });

  it('refuses a vote on a drafted, unopened proposal (422 proposal-not-open)', async () => {
    const drafted = await draft(t, alice);
    const response = await refused(() => vote(t, alice, drafted, 'yes'));
    expectProblem(response, 422, 'proposal-not-open');
  });

  it('answers 404 for a proposal that does not exist', async () => {
    const nowhere = randomUUID();
    expectProblem(await refused(() => vote(t, alice, nowhere, 'yes')), 404, 'proposal-not-found');
    expectProblem(await refused(() => post(`/api/proposals/${nowhere}/close`)), 404, 'proposal-not-found');
    const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    expectProblem(
      await refused(() => post(`/api/proposals/${nowhere}/open`, steward).send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId: nowhere, closesAt }) })),
      404,
      'proposal-not-found',
    );
    expectProblem(await request(t.server).get(`/api/proposals/${nowhere}`), 404, 'proposal-not-found');
  });

  it('answers 404 for a member that does not exist', async () => {
    const nobody = randomUUID();
    expectProblem(await request(t.server).get(`/api/members/${nobody}`), 404, 'member-not-found');
    expectProblem(
      await refused(() => post(`/api/members/${nobody}/verification`, steward).send({ evidence: { method: 'in-person', description: 'met in person' }, act: actFor(t, steward, 'members.VerifyMember', { memberId: nobody }) })),
      404,
      'member-not-found',
    );
  });

  it('refuses a verification by a member who is not a verifier (403 not-a-verifier)', async () => {
    const response = await refused(() =>
      post(`/api/members/${unverified.memberId}/verification`, alice).send({ evidence: { method: 'in-person', description: 'met in person' }, act: actFor(t, alice, 'members.VerifyMember', { memberId: unverified.memberId }) }),
    );
    expectProblem(response, 403, 'not-a-verifier');
    const member = await request(t.server).get(`/api/members/${unverified.memberId}`).expect(200);
    expect(member.body.verified).toBe(false);
  });

  it('refuses a verification of oneself, even by a steward (403 self-verification)', async () => {
    const response = await refused(() =>
      post(`/api/members/${steward.memberId}/verification`, steward).send({ evidence: { method: 'in-person', description: 'it is me' }, act: actFor(t, steward, 'members.VerifyMember', { memberId: steward.memberId }) }),
    );
    expectProblem(response, 403, 'self-verification');
  });

  it('refuses an opening by a member who is neither the author nor a steward (403 not-author)', async () => {
    const drafted = await draft(t, alice);
    await settle(t);
    const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const response = await refused(() => post(`/api/proposals/${drafted}/open`, bob).send({ closesAt, act: actFor(t, bob, 'governance.OpenProposal', { proposalId: drafted, closesAt }) }));
    expectProblem(response, 403, 'not-author');
  });

  it('refuses a draft by an unverified member (422 member-not-verified)', async () => {
    const body = draftBody();
    const response = await refused(() =>
      post('/api/proposals', unverified).send({ ...body, act: actFor(t, unverified, 'governance.DraftProposal', draftProposalSignedFields(body)) }),
    );
    expectProblem(response, 422, 'member-not-verified');
  });

  it.each([
    ['the same spelling', () => alice.email],
    ['other capitals', () => alice.email.toUpperCase()],
  ])('refuses a registration with a taken email in %s (409 email-taken)', async (_label, email) => {
    const response = await refused(() => post('/api/members').send({ email: email(), password: 'another long password', handle: 'alice-again' }));
    expectProblem(response, 409, 'email-taken');
    // The original account still logs in with its own password.
    await post('/api/auth/login').send({ email: alice.email, password: alice.password }).expect(200);
  });

  it('refuses a registration with a taken handle (409 handle-taken)', async () => {
    const response = await refused(() => post('/api/members').send({ email: 'impostor@example.org', password: 'another long password', handle: alice.handle }));
    expectProblem(response, 409, 'handle-taken');
    // Nothing of the impostor remains: the email is free again.
    await post('/api/auth/login').send({ email: 'impostor@example.org', password: 'another long password' }).expect(401);
  });

  it('refuses a second registration of the same key (409 key-exists)', async () => {
    const response = await refused(() =>
      post('/api/members/me/keys', alice).send({ publicKey: alice.publicKey, act: actFor(t, alice, 'members.RegisterKey', { publicKey: alice.publicKey }) }),
    );
    expectProblem(response, 409, 'key-exists');
  });
});

describe('read-your-writes beyond the log head', () => {
  it.each(['/api/proposals', '/api/members', '/api/decision-log', 'detail'])('answers 503 problem+json on %s when atPosition is never reached', async (path) => {
    const target = path === 'detail' ? `/api/proposals/${changeable}` : path;
    const response = await request(t.server).get(target).query({ atPosition: 1_000_000 });
    expectProblem(response, 503, 'projection-behind');
  });
});

describe('after the close', () => {
  it('refuses a vote once closesAt has passed (422 vote-after-close), before and after the close is recorded', async () => {
    const closing = await draft(t, alice);
    const { closesAt } = await open(t, alice, closing, 120_000);
    await vote(t, bob, closing, 'yes').expect(201);
    t.clock.advance(new Date(closesAt).getTime() - t.clock.now().getTime());

    // At the deadline, whether or not the closer has recorded the close yet.
    expectProblem(await vote(t, alice, closing, 'yes'), 422, 'vote-after-close');

    // Once closed (by the closer or by anyone asking), still refused, and nothing is written.
    await post(`/api/proposals/${closing}/close`);
    await settle(t);
    const detail = await request(t.server).get(`/api/proposals/${closing}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'closed', tally: { yes: 1, no: 0, abstain: 0 } });
    expectProblem(await refused(() => vote(t, alice, closing, 'no')), 422, 'vote-after-close');
    expectProblem(await refused(() => vote(t, bob, closing, 'no')), 422, 'vote-after-close');
    expectProblem(await refused(() => post(`/api/proposals/${closing}/close`)), 422, 'already-closed');

    const votes = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM event_store.events WHERE type = 'governance.VoteCast' AND data->>'proposalId' = $1`, [closing]);
    expect(Number(votes.rows[0]!.n)).toBe(1);
  });
});
