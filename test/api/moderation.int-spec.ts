import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request, { type Response } from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { postCommentSignedFields } from '../../src/commands/governance/post-comment/post-comment.handler.js';
import { appealActionSignedFields } from '../../src/commands/moderation/appeal-action/appeal-action.handler.js';
import { decideAppealSignedFields } from '../../src/commands/moderation/decide-appeal/decide-appeal.handler.js';
import { reportContentSignedFields } from '../../src/commands/moderation/report-content/report-content.handler.js';
import { takeActionSignedFields } from '../../src/commands/moderation/take-action/take-action.handler.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import type { Role } from '../../src/events/members/member-events.js';
import { moderationStream, type ModerationTarget } from '../../src/events/moderation/moderation-events.js';
import { ConsequencesManager } from '../../src/commands/governance/consequences/consequences.manager.js';
import { schemaVersionOf } from '../../src/events/registry.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, draft, expectProblem, listen, settle, writes } from './api-helpers.js';

let t: TestApp;
let alice: TestMember;
let bob: TestMember;
let mod1: TestMember;
let mod2: TestMember;
let arbiter: TestMember;
let proposal: string;

/** Roles come from passed proposals or elections; the test writes the grant straight onto the member's stream. */
async function grant(member: TestMember, role: Role): Promise<void> {
  const id = uuidv7();
  await t.app.get<EventStore>(EVENT_STORE).append(
    `member-${member.memberId}`,
    [
      {
        id,
        type: 'members.RoleGranted',
        schemaVersion: schemaVersionOf('members.RoleGranted'),
        data: { memberId: member.memberId, role, grant: { kind: 'proposal', proposalId: randomUUID() } },
        meta: { actor: 'system', correlationId: id, causationId: id, occurredAt: t.clock.now().toISOString() },
      },
    ],
    'any',
  );
}

beforeAll(async () => {
  t = await startTestApp({ READ_WAIT_MS: '2000' });
  await listen(t);
  const built = await community(t, 5);
  [alice, bob, mod1, mod2, arbiter] = built.members as [TestMember, TestMember, TestMember, TestMember, TestMember];
  await grant(mod1, 'moderator');
  await grant(mod2, 'moderator');
  await grant(arbiter, 'arbiter');
  proposal = await draft(t, alice);
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

async function postComment(member: TestMember, body: string): Promise<string> {
  const commentId = randomUUID();
  const fields = { proposalId: proposal, commentId, parentId: null, body };
  await request(t.server)
    .post(`/api/proposals/${proposal}/comments`)
    .set(auth(member))
    .send({ commentId, parentId: null, body, act: actFor(t, member, 'governance.PostComment', postCommentSignedFields(fields)) })
    .expect(201);
  return commentId;
}

function report(member: TestMember, target: ModerationTarget, category = 'harassment', note = 'Calls another member names.', reportId = randomUUID()) {
  return request(t.server)
    .post('/api/moderation/reports')
    .set(auth(member))
    .send({ reportId, target, category, note, act: actFor(t, member, 'moderation.ReportContent', reportContentSignedFields({ reportId, target, category, note })) });
}

function takeAction(
  member: TestMember,
  target: ModerationTarget,
  kind: string,
  options: { until?: string | null; resolves?: string[]; actionId?: string; rule?: string; reason?: string } = {},
) {
  const fields = {
    actionId: options.actionId ?? randomUUID(),
    target,
    kind,
    rule: options.rule ?? '3.2 no personal attacks',
    reason: options.reason ?? 'A personal attack on another member.',
    until: options.until ?? null,
    resolves: options.resolves ?? [],
  };
  return request(t.server)
    .post('/api/moderation/actions')
    .set(auth(member))
    .send({ ...fields, act: actFor(t, member, 'moderation.TakeAction', takeActionSignedFields(fields)) });
}

function appeal(member: TestMember, actionId: string, target: ModerationTarget, statement = 'It was a quote, not an insult.') {
  return request(t.server)
    .post(`/api/moderation/actions/${actionId}/appeal`)
    .set(auth(member))
    .send({ target, statement, act: actFor(t, member, 'moderation.AppealAction', appealActionSignedFields({ actionId, target, statement })) });
}

function decideAppeal(member: TestMember, actionId: string, target: ModerationTarget, outcome: string, reason = 'Read in context, it is a quote.') {
  return request(t.server)
    .post(`/api/moderation/actions/${actionId}/appeal/decision`)
    .set(auth(member))
    .send({ target, outcome, reason, act: actFor(t, member, 'moderation.DecideAppeal', decideAppealSignedFields({ actionId, target, outcome, reason })) });
}

const thread = async (atPosition: number) => (await request(t.server).get(`/api/proposals/${proposal}/comments`).query({ atPosition }).expect(200)).body;
const findComment = (body: { items: { commentId: string; replies: unknown[] }[] }, commentId: string) => body.items.find((c) => c.commentId === commentId) as Record<string, unknown>;

describe('moderation through the API', () => {
  it('report → hide (resolving it) → appeal → overturned by another moderator: the comment disappears and comes back', async () => {
    const commentId = await postComment(bob, 'You are an idiot, alice.');
    const target: ModerationTarget = { kind: 'comment', proposalId: proposal, commentId };
    const reportId = randomUUID();
    expect((await report(alice, target, 'harassment', 'Calls another member names.', reportId)).status).toBe(201);

    const queue = await request(t.server).get('/api/moderation/reports').set(auth(mod1)).query({ atPosition: (await writes(t)).head - 1 }).expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ reportId, target, reporterId: alice.memberId, category: 'harassment', status: 'open' })]);

    const actionId = randomUUID();
    const hidden = await takeAction(mod1, target, 'hide', { actionId, resolves: [reportId] });
    expect({ status: hidden.status, body: hidden.body }).toMatchObject({ status: 201 });
    expect(findComment(await thread(hidden.body.position), commentId)).toMatchObject({ body: null, moderation: 'hidden', status: 'posted' });
    const resolved = await request(t.server).get('/api/moderation/reports').set(auth(mod1)).query({ status: 'resolved' }).expect(200);
    expect(resolved.body.items).toEqual([expect.objectContaining({ reportId, status: 'resolved', resolvedByAction: actionId })]);

    const appealed = await appeal(bob, actionId, target);
    expect(appealed.status).toBe(201);
    const overturned = await decideAppeal(mod2, actionId, target, 'overturned');
    expect(overturned.status).toBe(201);
    const restored = findComment(await thread(overturned.body.position), commentId);
    expect(restored).toMatchObject({ body: 'You are an idiot, alice.' });
    expect(restored.moderation).toBeUndefined();

    const action = await request(t.server).get(`/api/moderation/actions/${actionId}`).query({ atPosition: overturned.body.position }).expect(200);
    expect(action.body).toMatchObject({ kind: 'hide', moderatorId: mod1.memberId, affectedMemberId: bob.memberId, appeal: { status: 'overturned', decidedBy: mod2.memberId } });

    // The public log: action, appeal, decision with their public texts, and no reporter.
    const log = await request(t.server).get('/api/moderation/log').query({ atPosition: overturned.body.position }).expect(200);
    const entries = (log.body.items as { actionId: string; entry: string; actorId: string; text: string }[]).filter((e) => e.actionId === actionId);
    expect(entries.map((e) => [e.entry, e.actorId])).toEqual([
      ['decision', mod2.memberId],
      ['appeal', bob.memberId],
      ['action', mod1.memberId],
    ]);
    expect(JSON.stringify(log.body)).not.toContain(reportId);
    expect(JSON.stringify(log.body)).not.toContain('Calls another member names.');
  });

  it('hiding a proposal withholds its title and body from the list and the detail but keeps its place and tally; an overturn shows them again', async () => {
    const proposalId = await draft(t, alice);
    const target: ModerationTarget = { kind: 'proposal', proposalId };
    const before = (await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: (await writes(t)).head - 1 }).expect(200)).body;
    expect(before.title).not.toBe('');
    expect(before).not.toHaveProperty('moderation');

    const actionId = randomUUID();
    const hidden = await takeAction(mod1, target, 'hide', { actionId, rule: '1.1 no spam', reason: 'Advertising.' });
    expect(hidden.status).toBe(201);
    const detail = (await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: hidden.body.position }).expect(200)).body;
    expect(detail).toMatchObject({ proposalId, title: '', body: '', moderation: 'hidden', status: before.status, tally: before.tally });
    const listed = (await request(t.server).get('/api/proposals').query({ atPosition: hidden.body.position, limit: 200 }).expect(200)).body.items;
    expect(listed.find((p: { proposalId: string }) => p.proposalId === proposalId)).toMatchObject({ title: '', moderation: 'hidden' });

    expect((await appeal(alice, actionId, target, 'It is a real proposal.')).status).toBe(201);
    const decided = await decideAppeal(mod2, actionId, target, 'overturned', 'It is a real proposal.');
    expect(decided.status).toBe(201);
    const after = (await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: decided.body.position }).expect(200)).body;
    expect(after).toMatchObject({ title: before.title, body: before.body });
    expect(after).not.toHaveProperty('moderation');
  });

  it('a suspension stops the member acting until it is overturned; the member can still appeal it', async () => {
    const target: ModerationTarget = { kind: 'member', memberId: bob.memberId };
    const actionId = randomUUID();
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const suspended = await takeAction(mod1, target, 'suspend', { actionId, until });
    expect({ status: suspended.status, body: suspended.body }).toMatchObject({ status: 201 });
    // The suspension is recorded on the member's stream either by this call or by the consequences
    // manager that reacts to the same action; either way the answered position covers it.
    const whileSuspended = (await request(t.server).get(`/api/members/${bob.memberId}`).query({ atPosition: suspended.body.position }).expect(200)).body;
    expect(whileSuspended.status).toMatchObject({ kind: 'suspended', until });

    const commentId = randomUUID();
    const body = 'Still here.';
    const blocked = await refused(() =>
      request(t.server)
        .post(`/api/proposals/${proposal}/comments`)
        .set(auth(bob))
        .send({ commentId, parentId: null, body, act: actFor(t, bob, 'governance.PostComment', postCommentSignedFields({ proposalId: proposal, commentId, parentId: null, body })) }),
    );
    expectProblem(blocked, 403, 'member-suspended');
    expectProblem(await refused(() => report(bob, { kind: 'member', memberId: mod1.memberId })), 403, 'member-suspended');

    expect((await appeal(bob, actionId, target, 'I was quoting.')).status).toBe(201);
    const decided = await decideAppeal(arbiter, actionId, target, 'overturned', 'The suspension was out of proportion.');
    expect({ status: decided.status, body: decided.body }).toMatchObject({ status: 201 });
    const afterAppeal = (await request(t.server).get(`/api/members/${bob.memberId}`).query({ atPosition: decided.body.position }).expect(200)).body;
    expect(afterAppeal.status).toEqual({ kind: 'verified' });
    await postComment(bob, 'Back again.');
  });

  it('restores hidden content and warns a member, each on the public log with its rule and reason; a warning suspends nobody', async () => {
    const commentId = await postComment(bob, 'Parking on Mill Lane is a disgrace.');
    const target: ModerationTarget = { kind: 'comment', proposalId: proposal, commentId };
    expect((await takeAction(mod1, target, 'hide', { rule: '1.3 stay on topic', reason: 'Not about the library.' })).status).toBe(201);
    const restoreId = randomUUID();
    const restored = await takeAction(mod2, target, 'restore', { actionId: restoreId, rule: '1.3 stay on topic', reason: 'Library visitors park there: it is on topic.' });
    expect({ status: restored.status, body: restored.body }).toMatchObject({ status: 201 });
    const shown = findComment(await thread(restored.body.position), commentId);
    expect(shown).toMatchObject({ body: 'Parking on Mill Lane is a disgrace.' });
    expect(shown.moderation).toBeUndefined();

    const warnId = randomUUID();
    const warned = await takeAction(mod1, { kind: 'member', memberId: bob.memberId }, 'warn', { actionId: warnId, rule: '3.1 be civil', reason: 'Heated tone in three threads.' });
    expect(warned.status).toBe(201);
    expect((await request(t.server).get(`/api/members/${bob.memberId}`).query({ atPosition: warned.body.position }).expect(200)).body.status).toEqual({ kind: 'verified' });
    const log = (await request(t.server).get('/api/moderation/log').query({ atPosition: warned.body.position }).expect(200)).body.items as Record<string, unknown>[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: 'action', actionId: restoreId, actorId: mod2.memberId, kind: 'restore', rule: '1.3 stay on topic', text: 'Library visitors park there: it is on topic.' }),
        expect.objectContaining({ entry: 'action', actionId: warnId, actorId: mod1.memberId, kind: 'warn', rule: '3.1 be civil', text: 'Heated tone in three threads.' }),
      ]),
    );
  });

  it('takes reports of a proposal and of a member as of a comment, each in the moderators’ queue with its target', async () => {
    const onProposal: ModerationTarget = { kind: 'proposal', proposalId: proposal };
    const onMember: ModerationTarget = { kind: 'member', memberId: bob.memberId };
    const [proposalReport, memberReport] = [randomUUID(), randomUUID()];
    expect((await report(bob, onProposal, 'misinformation', 'The opening hours quoted are wrong.', proposalReport)).status).toBe(201);
    const last = await report(alice, onMember, 'harassment', 'Insults in several threads.', memberReport);
    expect(last.status).toBe(201);
    const queue = await request(t.server).get('/api/moderation/reports').set(auth(mod1)).query({ atPosition: last.body.position, status: 'open' }).expect(200);
    expect(queue.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reportId: proposalReport, target: onProposal, reporterId: bob.memberId, category: 'misinformation', status: 'open' }),
        expect.objectContaining({ reportId: memberReport, target: onMember, reporterId: alice.memberId, category: 'harassment', status: 'open' }),
      ]),
    );
  });
});

describe('analysts', () => {
  it('export the moderation actions and the public log as CSV, and reports only as counts: no report id, no note', async () => {
    const commentId = await postComment(bob, 'Selling raffle tickets, DM me.');
    const target: ModerationTarget = { kind: 'comment', proposalId: proposal, commentId };
    const reportId = randomUUID();
    expect((await report(alice, target, 'spam', 'A private note for the moderators only.', reportId)).status).toBe(201);
    const actionId = randomUUID();
    expect((await takeAction(mod2, target, 'hide', { actionId, resolves: [reportId], rule: '1.1 no spam', reason: 'Advertising in a proposal thread.' })).status).toBe(201);
    expect((await appeal(bob, actionId, target, 'It was for the school fair.')).status).toBe(201);
    expect((await decideAppeal(mod1, actionId, target, 'upheld', 'Still advertising.')).status).toBe(201);
    await settle(t);

    const csv = async (view: string) => {
      const response = await request(t.server).get(`/api/analytics/${view}.csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      return { text: response.text, rows: parse(response.text, { columns: true }) as Record<string, string>[] };
    };
    const actions = await csv('moderation_actions');
    expect(actions.rows.find((r) => r.action_id === actionId)).toMatchObject({
      target_kind: 'comment',
      moderator_id: mod2.memberId,
      affected_member_id: bob.memberId,
      kind: 'hide',
      rule: '1.1 no spam',
      reason: 'Advertising in a proposal thread.',
      appeal_status: 'upheld',
      decided_by: mod1.memberId,
      decision_reason: 'Still advertising.',
    });
    const log = await csv('moderation_log');
    expect(log.rows.filter((r) => r.action_id === actionId).map((r) => [r.entry, r.actor_id])).toEqual([
      ['action', mod2.memberId],
      ['appeal', bob.memberId],
      ['decision', mod1.memberId],
    ]);
    const reports = await csv('moderation_reports_by_month');
    expect(reports.rows.find((r) => r.category === 'spam' && r.target_kind === 'comment')).toMatchObject({ reports: '1', resolved: '1' });
    for (const { text } of [actions, log, reports]) {
      expect(text).not.toContain(reportId);
      expect(text).not.toContain('A private note for the moderators only.');
    }
  });
});

describe('a crash between the moderation event and its consequence', () => {
  /** What a moderation handler appends before it dispatches the consequence: here, with no dispatch after it. */
  async function appendOnly(target: ModerationTarget, type: string, data: object): Promise<void> {
    const id = uuidv7();
    await t.app.get<EventStore>(EVENT_STORE).append(
      moderationStream(target),
      [{ id, type, schemaVersion: schemaVersionOf(type), data, meta: { actor: mod1.memberId, correlationId: id, causationId: id, occurredAt: t.clock.now().toISOString() } }],
      'any',
    );
  }

  const suspensions = async (memberId: string): Promise<string[]> =>
    (await t.app.get<EventStore>(EVENT_STORE).readStream(`member-${memberId}`))
      .map((e) => e.type)
      .filter((type) => type === 'members.MemberSuspended' || type === 'members.MemberSuspensionLifted');

  it('is carried out by the consequences manager from the log, exactly once however often it runs', async () => {
    const member = alice;
    const target: ModerationTarget = { kind: 'member', memberId: member.memberId };
    const actionId = randomUUID();
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    await appendOnly(target, 'moderation.ActionTaken', {
      actionId,
      target,
      moderatorId: mod1.memberId,
      affectedMemberId: member.memberId,
      kind: 'suspend',
      rule: '3.2 no threats',
      reason: 'Threats in the discussion.',
      until,
      visibilityAfter: null,
      resolvedReports: [],
    });
    const manager = t.app.get(ConsequencesManager);
    await manager.catchUp(0);
    await manager.catchUp(0);
    expect(await suspensions(member.memberId)).toEqual(['members.MemberSuspended']);
    const commentId = randomUUID();
    const body = 'Can I still post?';
    const blocked = await refused(() =>
      request(t.server)
        .post(`/api/proposals/${proposal}/comments`)
        .set(auth(member))
        .send({ commentId, parentId: null, body, act: actFor(t, member, 'governance.PostComment', postCommentSignedFields({ proposalId: proposal, commentId, parentId: null, body })) }),
    );
    expectProblem(blocked, 403, 'member-suspended');

    await appendOnly(target, 'moderation.ActionAppealed', { actionId, target, appellantId: member.memberId, statement: 'It was a quote.' });
    await appendOnly(target, 'moderation.AppealDecided', {
      actionId,
      target,
      decidedBy: arbiter.memberId,
      outcome: 'overturned',
      reason: 'A quote, not a threat.',
      visibilityAfter: null,
      suspensionLifted: true,
    });
    await manager.catchUp(0);
    await manager.catchUp(0);
    expect(await suspensions(member.memberId)).toEqual(['members.MemberSuspended', 'members.MemberSuspensionLifted']);
    await postComment(member, 'Back again.');
  });
});

describe('moderation rules: a problem+json, nothing written', () => {
  let commentId: string;
  let target: ModerationTarget;
  let actionId: string;

  beforeAll(async () => {
    commentId = await postComment(bob, 'Buy cheap watches here.');
    target = { kind: 'comment', proposalId: proposal, commentId };
    actionId = randomUUID();
    expect((await takeAction(mod1, target, 'remove', { actionId, rule: '1.1 no spam', reason: 'Advertising.' })).status).toBe(201);
  });

  it('refuses a member who is not a moderator (403), on actions and on the report queue', async () => {
    expectProblem(await refused(() => takeAction(alice, target, 'warn')), 403, 'not-moderator');
    expectProblem(await request(t.server).get('/api/moderation/reports').set(auth(alice)), 403, 'not-moderator');
    expectProblem(await request(t.server).get('/api/moderation/reports'), 401, 'missing-token');
  });

  it('refuses a moderator acting on their own content or account (422 own-content)', async () => {
    const own = await postComment(mod1, 'My own words.');
    expectProblem(await refused(() => takeAction(mod1, { kind: 'comment', proposalId: proposal, commentId: own }, 'hide')), 422, 'own-content');
    const ownProposal = await draft(t, mod2);
    expectProblem(await refused(() => takeAction(mod2, { kind: 'proposal', proposalId: ownProposal }, 'remove')), 422, 'own-content');
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expectProblem(await refused(() => takeAction(mod1, { kind: 'member', memberId: mod1.memberId }, 'warn')), 422, 'own-content');
    expectProblem(await refused(() => takeAction(mod2, { kind: 'member', memberId: mod2.memberId }, 'suspend', { until })), 422, 'own-content');
  });

  it('refuses a second report of one target by one member while it is open (422 already-reported)', async () => {
    const other = await postComment(bob, 'Something off-topic.');
    const t2: ModerationTarget = { kind: 'comment', proposalId: proposal, commentId: other };
    expect((await report(alice, t2, 'off-topic', 'Not about the proposal.')).status).toBe(201);
    expectProblem(await refused(() => report(alice, t2, 'spam', 'Again.')), 422, 'already-reported');
  });

  it('refuses a second appeal of one action (422 already-appealed) and an appeal by someone else (403 not-affected)', async () => {
    expectProblem(await refused(() => appeal(alice, actionId, target)), 403, 'not-affected');
    expect((await appeal(bob, actionId, target)).status).toBe(201);
    expectProblem(await refused(() => appeal(bob, actionId, target, 'Once more.')), 422, 'already-appealed');
  });

  it('refuses the acting moderator deciding the appeal (422 same-moderator), and a plain member (403)', async () => {
    expectProblem(await refused(() => decideAppeal(mod1, actionId, target, 'upheld')), 422, 'same-moderator');
    expectProblem(await refused(() => decideAppeal(alice, actionId, target, 'upheld')), 403, 'not-moderator-or-arbiter');
  });

  it('refuses a target that does not exist (404) and an action that is not on the target named (404)', async () => {
    expectProblem(await refused(() => report(alice, { kind: 'proposal', proposalId: randomUUID() })), 404, 'proposal-not-found');
    expectProblem(await refused(() => appeal(bob, randomUUID(), target)), 404, 'action-not-found');
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const bad = await refused(() =>
      request(t.server)
        .post('/api/moderation/reports')
        .set(auth(alice))
        .send({ reportId: 'r-1', target: { kind: 'comment', proposalId: proposal }, category: 'rude', note: '', act: actFor(t, alice, 'moderation.ReportContent', {}) }),
    );
    expectProblem(bad, 400, 'validation', ['reportId', 'target.commentId', 'category', 'note']);
    const badAction = await refused(() =>
      request(t.server)
        .post('/api/moderation/actions')
        .set(auth(mod1))
        .send({ actionId: randomUUID(), target: { kind: 'planet' }, kind: 'ban', rule: '', reason: 'x', until: 'tomorrow', resolves: ['nope'], act: actFor(t, mod1, 'moderation.TakeAction', {}) }),
    );
    expectProblem(badAction, 400, 'validation', ['target.kind', 'kind', 'rule', 'until', 'resolves']);
    const noUntil = await refused(() => takeAction(mod1, { kind: 'member', memberId: alice.memberId }, 'suspend'));
    expectProblem(noUntil, 400, 'validation', ['until']);
  });
});
