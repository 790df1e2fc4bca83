import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { ANALYTICS_VIEWS } from '../../src/read-models/analytics/analytics-views.js';
import { expectProblem } from './api-helpers.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CLOSER_INTERVAL_MS: '3600000' });
});
afterAll(async () => {
  await t.close();
});

const auth = (member: TestMember) => ({ Authorization: `Bearer ${member.token}` });

it('lists the analyst views and exports each as JSON and as CSV, with what the decision log holds', async () => {
  const { steward, members } = await community(t, 3);
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Repaint the hall, "green"', body: 'Green.', rules: { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true } };
  await request(t.server).post('/api/proposals').set(auth(steward)).send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) }).expect(201);
  await request(t.server).post(`/api/proposals/${proposalId}/submission`).set(auth(steward)).send({ act: actFor(t, steward, 'governance.SubmitProposal', { proposalId }) }).expect(201);
  const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  await request(t.server).post(`/api/proposals/${proposalId}/open`).set(auth(steward)).send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) }).expect(201);
  for (const [member, choice] of [[members[0]!, 'yes'], [members[1]!, 'no']] as const) {
    await request(t.server).post(`/api/proposals/${proposalId}/votes`).set(auth(member)).send({ choice, act: actFor(t, member, 'governance.CastVote', { proposalId, choice }) }).expect(201);
  }
  t.clock.advance(3600_000);
  const closed = await request(t.server).post(`/api/proposals/${proposalId}/close`).expect(201);
  await request(t.server).get(`/api/decision-log?atPosition=${closed.body.position}`).expect(200);

  const listed = await request(t.server).get('/api/analytics').expect(200);
  expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(ANALYTICS_VIEWS.map((v) => v.name));
  for (const view of listed.body.items as { name: string; json: string; csv: string; columns: string[] }[]) {
    const json = await request(t.server).get(view.json).expect(200);
    expect(json.body.columns).toEqual(view.columns);
    const csv = await request(t.server).get(view.csv).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${view.name}.csv"`);
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(csv.text.split('\n')[0]).toBe(view.columns.join(','));
    expect(records).toHaveLength(json.body.items.length);
  }

  const decisions = await request(t.server).get('/api/analytics/decision_log.csv').expect(200);
  const [row] = parse(decisions.text, { columns: true }) as Record<string, string>[];
  expect(row).toMatchObject({ proposal_id: proposalId, title: 'Repaint the hall, "green"', result: 'rejected', yes: '1', no: '1', votes_cast: '2', electorate_size: '4', turnout_bps: '5000' });
  expect(new Date(row!.closed_at).toISOString()).toBe(t.clock.now().toISOString());
  const month = await request(t.server).get('/api/analytics/turnout_by_month').expect(200);
  expect(month.body.items).toEqual([expect.objectContaining({ month: t.clock.now().toISOString().slice(0, 8) + '01', proposals_closed: 1, rejected: 1 })]);
});

it('answers an unknown view with a 404 problem naming it', async () => {
  expectProblem(await request(t.server).get('/api/analytics/secrets.csv'), 404, 'analytics-view-not-found');
  expectProblem(await request(t.server).get('/api/analytics/pg_shadow'), 404, 'analytics-view-not-found');
});
