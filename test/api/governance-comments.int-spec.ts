import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { postCommentSignedFields } from '../../src/commands/governance/post-comment/post-comment.handler.js';
import { actFor, community, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, draft, expectProblem, listen, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let alice: TestMember;
let bob: TestMember;
/** Registered with a key, never verified. */
let unverified: TestMember;
let proposal: string;
let otherProposal: string;

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  const built = await community(t, 2);
  steward = built.steward;
  [alice, bob] = built.members as [TestMember, TestMember];
  unverified = await registerMember(t, 'unverified-uma');
  proposal = await draft(t, alice);
  otherProposal = await draft(t, bob);
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

function comment(member: TestMember, proposalId: string, body: string, parentId: string | null = null, commentId: string = randomUUID()) {
  const fields = { proposalId, commentId, parentId, body };
  return request(t.server)
    .post(`/api/proposals/${proposalId}/comments`)
    .set(auth(member))
    .send({ commentId, parentId, body, act: actFor(t, member, 'governance.PostComment', postCommentSignedFields(fields)) });
}

async function posted(member: TestMember, proposalId: string, body: string, parentId: string | null = null): Promise<{ commentId: string; position: number }> {
  const commentId = randomUUID();
  const response = await comment(member, proposalId, body, parentId, commentId);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return { commentId, position: response.body.position };
}

const retract = (member: TestMember, proposalId: string, commentId: string) =>
  request(t.server)
    .post(`/api/proposals/${proposalId}/comments/${commentId}/retraction`)
    .set(auth(member))
    .send({ act: actFor(t, member, 'governance.RetractComment', { proposalId, commentId }) });

const thread = async (proposalId: string, atPosition?: number) =>
  (await request(t.server).get(`/api/proposals/${proposalId}/comments`).query(atPosition === undefined ? {} : { atPosition }).expect(200)).body;

describe('a discussion through the API', () => {
  it('posts comments and replies, retracts one to a tombstone, and serves the thread at the position returned', async () => {
    const root = await posted(bob, proposal, 'Which river bank?');
    const reply = await posted(alice, proposal, 'The north one.', root.commentId);
    const nested = await posted(bob, proposal, 'Thanks 🌳', reply.commentId);
    const second = await posted(steward, proposal, 'Please add a budget.');
    const retraction = await retract(bob, proposal, root.commentId).expect(201);

    const body = await thread(proposal, retraction.body.position);
    expect(body.total).toBe(4);
    expect(body.items).toEqual([
      expect.objectContaining({
        commentId: root.commentId,
        authorId: bob.memberId,
        status: 'retracted',
        body: null,
        position: root.position,
        replies: [
          expect.objectContaining({
            commentId: reply.commentId,
            body: 'The north one.',
            replies: [expect.objectContaining({ commentId: nested.commentId, parentId: reply.commentId, body: 'Thanks 🌳', replies: [] })],
          }),
        ],
      }),
      expect.objectContaining({ commentId: second.commentId, authorId: steward.memberId, status: 'posted', replies: [] }),
    ]);
    // Comments have their own stream per proposal, each a signed act whose body is signed by digest.
    const { rows } = await t.db.pool.query(`SELECT stream, type, act FROM event_store.events WHERE type LIKE 'governance.Comment%' AND data->>'proposalId' = $1 ORDER BY position`, [proposal]);
    expect(rows.map((r) => [r.stream, r.type])).toEqual([
      ...Array.from({ length: 4 }, () => [`proposal-comments-${proposal}`, 'governance.CommentPosted']),
      [`proposal-comments-${proposal}`, 'governance.CommentRetracted'],
    ]);
    expect(rows[0].act.command).toMatchObject({ command: 'governance.PostComment', actor: bob.memberId, bodySha256: expect.any(String), parentId: null });
  });

  it('accepts a comment of exactly 4,000 characters', async () => {
    const { position } = await posted(alice, otherProposal, '🌳'.repeat(4_000));
    const body = await thread(otherProposal, position);
    expect(body.items.map((c: { body: string }) => [...c.body].length)).toContain(4_000);
  });

  it('answers 404 for the thread of a proposal that does not exist', async () => {
    expectProblem(await request(t.server).get(`/api/proposals/${randomUUID()}/comments`), 404, 'proposal-not-found');
  });
});

describe('bad inputs: a problem+json, nothing written', () => {
  it('refuses a reply to a comment of another proposal (422 parent-not-in-proposal)', async () => {
    const elsewhere = await posted(bob, otherProposal, 'On the other proposal.');
    expectProblem(await refused(() => comment(alice, proposal, 'Replying across proposals.', elsewhere.commentId)), 422, 'parent-not-in-proposal');
  });

  it('refuses a reply to a comment that does not exist (422 parent-not-in-proposal)', async () => {
    expectProblem(await refused(() => comment(alice, proposal, 'To nobody.', randomUUID())), 422, 'parent-not-in-proposal');
  });

  it("refuses to retract someone else's comment, a steward's retraction included (403 not-author)", async () => {
    const mine = await posted(alice, proposal, 'Mine to take back.');
    expectProblem(await refused(() => retract(bob, proposal, mine.commentId)), 403, 'not-author');
    expectProblem(await refused(() => retract(steward, proposal, mine.commentId)), 403, 'not-author');
    expect(JSON.stringify((await thread(proposal)).items)).toContain('Mine to take back.');
  });

  it('refuses to retract a comment twice (422 already-retracted) or one of another proposal (404 comment-not-found)', async () => {
    const once = await posted(alice, proposal, 'Soon gone.');
    await retract(alice, proposal, once.commentId).expect(201);
    expectProblem(await refused(() => retract(alice, proposal, once.commentId)), 422, 'already-retracted');
    expectProblem(await refused(() => retract(alice, otherProposal, once.commentId)), 404, 'comment-not-found');
  });

  it('refuses an over-long comment (400 naming body)', async () => {
    expectProblem(await refused(() => comment(alice, proposal, 'x'.repeat(4_001))), 400, 'validation', ['body']);
  });

  it('refuses an empty comment, a malformed commentId and a missing parentId (400 naming each)', async () => {
    const response = await refused(() =>
      request(t.server)
        .post(`/api/proposals/${proposal}/comments`)
        .set(auth(alice))
        .send({ commentId: 'c-1', body: '', act: actFor(t, alice, 'governance.PostComment', {}) }),
    );
    expectProblem(response, 400, 'validation', ['commentId', 'parentId', 'body']);
  });

  it('refuses a comment by an unverified member (422 member-not-verified)', async () => {
    expectProblem(await refused(() => comment(unverified, proposal, 'Let me in.')), 422, 'member-not-verified');
  });

  it('refuses a comment id used twice (409 comment-exists)', async () => {
    const first = await posted(alice, proposal, 'Once.');
    expectProblem(await refused(() => comment(bob, proposal, 'Twice.', null, first.commentId)), 409, 'comment-exists');
  });

  it('refuses a comment on a proposal that does not exist (404) or was withdrawn (422 discussion-closed)', async () => {
    expectProblem(await refused(() => comment(alice, randomUUID(), 'Hello?')), 404, 'proposal-not-found');
    const gone = await draft(t, alice);
    await request(t.server)
      .post(`/api/proposals/${gone}/withdrawal`)
      .set(auth(alice))
      .send({ act: actFor(t, alice, 'governance.WithdrawProposal', { proposalId: gone }) })
      .expect(201);
    expectProblem(await refused(() => comment(bob, gone, 'Too late.')), 422, 'discussion-closed');
  });

  it('refuses a comment whose signed body is not the one sent (401 bad-signature)', async () => {
    const commentId = randomUUID();
    const signed = postCommentSignedFields({ proposalId: proposal, commentId, parentId: null, body: 'What I signed.' });
    const response = await refused(() =>
      request(t.server)
        .post(`/api/proposals/${proposal}/comments`)
        .set(auth(alice))
        .send({ commentId, parentId: null, body: 'What the server got.', act: actFor(t, alice, 'governance.PostComment', signed) }),
    );
    expectProblem(response, 401, 'bad-signature');
  });
});
