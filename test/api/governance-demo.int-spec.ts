import request from 'supertest';
import { ConsequencesManager } from '../../src/commands/governance/consequences/consequences.manager.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { listen, settle } from './api-helpers.js';

let t: TestApp;
let id: Map<string, string>;
let handle: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp({ DEMO_SEED: 'true' });
  await listen(t);
  await settle(t);
  const { rows } = await t.db.pool.query<{ member_id: string; handle: string }>('SELECT member_id, handle FROM read_models.members');
  id = new Map(rows.map((r) => [r.handle, r.member_id]));
  handle = new Map(rows.map((r) => [r.member_id, r.handle]));
});

afterAll(async () => {
  await t?.close();
});

const rolesOf = async (name: string): Promise<string[]> => (await request(t.server).get(`/api/members/${id.get(name)}`).expect(200)).body.roles;

describe('the demo community’s delegations, role motions, moderation and arbitration', () => {
  it('holds a general delegation, a topic delegation and a chain, and a closed proposal on that topic counting delegated weight', async () => {
    const given = async (name: string): Promise<[string | undefined, string | null][]> =>
      (await request(t.server).get(`/api/members/${id.get(name)}/delegations`).expect(200)).body.given.map((d: { delegateId: string; topic: string | null }) => [handle.get(d.delegateId), d.topic]);
    expect(await given('ivo')).toEqual([['hana', null]]);
    expect(await given('hana')).toEqual([['eli', null]]);
    expect(await given('gus')).toEqual([['farah', 'roles']]);

    const log = (await request(t.server).get('/api/decision-log').query({ limit: 50 }).expect(200)).body;
    const arbiter = log.items.find((i: { title: string }) => i.title === 'Make farah an arbiter for payment disputes');
    // Direct: asha, ben, eli yes; chen no; farah abstains. Delegated: hana and ivo (through hana) to eli, gus to farah on `roles`.
    expect(arbiter).toMatchObject({
      result: 'passed',
      topic: 'roles',
      motion: { kind: 'grant-role', memberId: id.get('farah'), role: 'arbiter' },
      direct: { yes: 3, no: 1, abstain: 1 },
      delegated: { yes: 2, no: 0, abstain: 1 },
    });
  });

  it('holds passed grant-role and no-confidence motions, carried out on the members’ roles', async () => {
    const log = (await request(t.server).get('/api/decision-log').query({ limit: 50 }).expect(200)).body;
    const motions = log.items
      .filter((i: { motion: { kind: string } }) => i.motion.kind !== 'general')
      .map((i: { motion: { kind: string; memberId: string; role: string }; result: string }) => [i.motion.kind, handle.get(i.motion.memberId), i.motion.role, i.result]);
    expect(motions).toEqual([
      ['no-confidence', 'chen', 'moderator', 'passed'],
      ['grant-role', 'gus', 'moderator', 'passed'],
      ['grant-role', 'farah', 'arbiter', 'passed'],
    ]);
    // The seed carried the decisions out as it went; the manager going over the whole log again changes nothing.
    await t.app.get(ConsequencesManager).catchUp(0);
    await settle(t);
    expect(await rolesOf('farah')).toContain('arbiter');
    expect(await rolesOf('gus')).toContain('moderator');
    // dara and chen won the moderator election; chen lost the role by the motion of no confidence.
    expect(await rolesOf('dara')).toContain('moderator');
    expect(await rolesOf('chen')).not.toContain('moderator');
  });

  it('holds a comment reported, hidden by a moderator citing a rule, appealed by its author, and overturned by another moderator', async () => {
    const log = (await request(t.server).get('/api/moderation/log').expect(200)).body;
    expect(log.items.map((e: { entry: string; actorId: string }) => [e.entry, handle.get(e.actorId)])).toEqual([
      ['decision', 'dara'],
      ['appeal', 'ivo'],
      ['action', 'gus'],
    ]);
    const action = (await request(t.server).get(`/api/moderation/actions/${log.items[0].actionId}`).expect(200)).body;
    expect(action).toMatchObject({
      target: { kind: 'comment' },
      moderatorId: id.get('gus'),
      affectedMemberId: id.get('ivo'),
      kind: 'hide',
      rule: expect.stringContaining('Rule 2'),
      appeal: { status: 'overturned', decidedBy: id.get('dara') },
    });
    // Overturned: the comment shows again.
    const thread = (await request(t.server).get(`/api/proposals/${action.target.proposalId}/comments`).expect(200)).body;
    const flat = JSON.stringify(thread);
    expect(flat).toContain(action.target.commentId);
    expect(flat).not.toContain('"moderation":"hidden"');

    const resolved = (await request(t.server).get('/api/moderation/reports').query({ status: 'resolved' }).set(await bearer('dara')).expect(200)).body;
    expect(resolved.items).toEqual([expect.objectContaining({ reporterId: id.get('hana'), category: 'harassment', status: 'resolved' })]);
  });

  it('holds an arbitration case on the disputed payment with both statements and the arbiter’s decision', async () => {
    const cases = (await request(t.server).get('/api/arbitration/cases').expect(200)).body;
    expect(cases.items).toEqual([
      expect.objectContaining({ subject: expect.objectContaining({ kind: 'transaction' }), arbiterId: id.get('farah'), openedBy: id.get('asha'), status: 'decided', decision: expect.objectContaining({ outcome: 'split' }) }),
    ]);
    const detail = (await request(t.server).get(`/api/arbitration/cases/${cases.items[0].caseId}`).expect(200)).body;
    expect(detail.statements.map((s: { partyId: string }) => handle.get(s.partyId)).sort()).toEqual(['dara', 'eli']);
  });
});

async function bearer(name: string): Promise<{ Authorization: string }> {
  const index = ['asha', 'ben', 'chen', 'dara', 'eli', 'farah', 'gus', 'hana', 'ivo'].indexOf(name) + 1;
  const login = await request(t.server).post('/api/auth/login').send({ email: `${name}@demo.civic`, password: `demo-password-${index}` }).expect(200);
  return { Authorization: `Bearer ${login.body.accessToken}` };
}
