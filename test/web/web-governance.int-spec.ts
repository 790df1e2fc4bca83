import { randomUUID } from 'node:crypto';
import type { Request } from 'playwright-core';
import request from 'supertest';
import { takeActionSignedFields } from '../../src/commands/moderation/take-action/take-action.handler.js';
import { auth, draft, open, settle, vote } from '../api/api-helpers.js';
import { actFor, bootstrapSteward, registerMember, verifyMember, type TestMember } from '../support/members.js';
import { startWebApp, until, type Person, type WebApp } from './web-support.js';

/*
 * Governance in Chromium against the real backend: an election counted in rounds, a delegated
 * vote, an appeal overturned by the elected arbiter, a payment dispute decided by them, the
 * ledger's live tail, and leaving the community. Members who only need to be there act through
 * the API (keys made in Node); the ones the test watches act in the browser with WebCrypto keys.
 */

let web: WebApp;
let sita: TestMember;
let meena: TestMember;
let kiran: TestMember;
let dev: TestMember;
let asha: Person;
let ravi: Person;

beforeAll(async () => {
  web = await startWebApp();
  const { t } = web;
  sita = await registerMember(t, 'sita');
  await bootstrapSteward(t, sita);
  asha = await web.person('asha');
  ravi = await web.person('ravi');
  await web.join(asha);
  await web.join(ravi);
  [meena, kiran, dev] = [await registerMember(t, 'meena'), await registerMember(t, 'kiran'), await registerMember(t, 'dev')];
  for (const memberId of [asha.memberId!, ravi.memberId!, meena.memberId, kiran.memberId, dev.memberId]) await verifyMember(t, sita, memberId);
  await settle(t);
});

afterAll(async () => {
  await web?.close();
});

/** A steward's call through the API; voting opens `nominationsMs` from the server's clock and lasts `votingMs`. */
async function callElection(title: string, role: string, nominationsMs = 70_000, votingMs = 65_000): Promise<{ electionId: string; nominationsCloseAt: string; closesAt: string }> {
  const { t } = web;
  const now = t.clock.now().getTime();
  const body = {
    electionId: randomUUID(),
    title,
    role,
    seats: 1,
    method: 'stv',
    nominationsCloseAt: new Date(now + nominationsMs).toISOString(),
    closesAt: new Date(now + nominationsMs + votingMs).toISOString(),
  };
  await request(t.server)
    .post('/api/elections')
    .set(auth(sita))
    .send({ ...body, act: actFor(t, sita, 'governance.CallElection', { ...body }) })
    .expect(201);
  return body;
}

function declare(member: TestMember, electionId: string, statement: string) {
  return request(web.t.server)
    .post(`/api/elections/${electionId}/candidacies`)
    .set(auth(member))
    .send({ statement, act: actFor(web.t, member, 'governance.DeclareCandidacy', { electionId, statement }) })
    .expect(201);
}

function ballot(member: TestMember, electionId: string, choices: string[]) {
  return request(web.t.server)
    .post(`/api/elections/${electionId}/ballots`)
    .set(auth(member))
    .send({ choices, act: actFor(web.t, member, 'governance.CastBallot', { electionId, choices }) })
    .expect(201);
}

/** Moves the server's clock to just past `instant` (the browser keeps the real time, within the act skew). */
function advancePast(instant: string): void {
  web.t.clock.advance(Date.parse(instant) - web.t.clock.now().getTime() + 1000);
}

const rolesOf = (memberId: string) => web.api<{ roles: string[] }>(`/members/${memberId}`);

describe('governance in Chromium', () => {
  let proposalId = '';
  let actionId = '';

  it('elects an arbiter: a member stands, another ranks the candidates, the phase and the rounds come from the server', async () => {
    const arbiters = await callElection('Arbiter for the year', 'arbiter');
    const moderators = await callElection('Moderator for the year', 'moderator');
    await declare(dev, moderators.electionId, 'I read every report within a day.');
    await declare(meena, arbiters.electionId, 'Ten years on the housing board.');
    await declare(kiran, arbiters.electionId, 'I keep the minutes.');

    const electionUrl = `${web.base}/#/elections/${arbiters.electionId}`;
    await ravi.page.goto(electionUrl);
    await ravi.page.getByTestId('election-phase').filter({ hasText: 'Taking candidates' }).waitFor();
    await ravi.page.getByLabel('Your statement (public)').fill('I will hear both sides before deciding.');
    await ravi.page.getByRole('button', { name: 'Sign and stand' }).click();
    await ravi.page.getByText('I will hear both sides before deciding.').waitFor();
    await ravi.page.getByRole('button', { name: 'Sign and stand' }).waitFor({ state: 'detached' });

    // Nominations close on the server's clock only: the page follows the server, not the device.
    advancePast(arbiters.nominationsCloseAt);
    const page = asha.page;
    await page.goto(electionUrl);
    await page.getByTestId('election-phase').filter({ hasText: 'Voting' }).waitFor();
    expect(Date.now()).toBeLessThan(Date.parse(arbiters.nominationsCloseAt));
    await page.getByRole('button', { name: 'Rank kiran' }).click();
    await page.getByRole('button', { name: 'Rank ravi' }).click();
    await page.getByRole('button', { name: 'Move ravi up' }).click();
    expect(await page.locator('ol.ranking > li > span').allTextContents()).toEqual(['ravi', 'kiran']);
    await page.getByRole('button', { name: 'Sign and cast ballot' }).click();
    await page.getByText('Your ballot is on the log.').waitFor();
    await ballot(sita, arbiters.electionId, [meena.memberId, ravi.memberId!]);
    await ballot(meena, arbiters.electionId, [meena.memberId]);
    await ballot(kiran, arbiters.electionId, [kiran.memberId, ravi.memberId!]);
    await ballot(dev, arbiters.electionId, [ravi.memberId!]);
    await ballot(dev, moderators.electionId, [dev.memberId]);

    // Past the close on the server's clock: the closer counts, the page shows the result and every round.
    advancePast(arbiters.closesAt);
    await page.getByTestId('election-phase').filter({ hasText: 'Closed' }).waitFor();
    const rounds = page.getByRole('table', { name: 'Votes of each candidate in each round of the count' });
    await rounds.waitFor();
    // Round 1: ravi 2, meena 2, kiran 1 (eliminated); kiran's ballot goes on to ravi, who reaches the quota of 3.
    expect(await rounds.locator('tr[data-candidate="kiran"] td').allTextContents()).toEqual(['1 · eliminated', '—']);
    expect(await rounds.locator('tr[data-candidate="ravi"] td').allTextContents()).toEqual(['2', '3 · elected']);
    await page.getByRole('region', { name: 'Result' }).getByText('ravi').waitFor();
    await page.getByText('5 ballots counted, electorate 6.').waitFor();
    await page.getByText('Quota: 3 votes.').waitFor();
    await web.shot(page, 'election-result');
    web.syncServerClock();
    // A won election with a role grants it, once.
    await until(() => rolesOf(ravi.memberId!), (m) => m.roles.includes('arbiter'));
    await until(() => rolesOf(dev.memberId), (m) => m.roles.includes('moderator'));
  });

  it('carries a delegated vote to the delegate’s choice, shown in the tally at the close', async () => {
    const { t } = web;
    proposalId = await draft(t, sita);
    const { closesAt } = await open(t, sita, proposalId, 120_000);

    await asha.page.goto(`${web.base}/#/members`);
    await asha.page.getByRole('button', { name: 'Delegate my vote to ravi' }).click();
    await asha.page.getByRole('button', { name: 'Take back my vote' }).waitFor();
    await until(
      () => web.api<{ given: { delegateId: string }[] }>(`/members/${asha.memberId}/delegations`),
      (d) => d.given.some((g) => g.delegateId === ravi.memberId),
    );

    const proposalUrl = `${web.base}/#/proposals/${proposalId}`;
    await asha.page.goto(proposalUrl);
    await asha.page.getByRole('textbox', { name: 'Your comment' }).fill('Ravi knows the budget; he votes for me. Cheap compost at my stall!');
    await asha.page.getByRole('button', { name: 'Sign and post' }).click();
    await asha.page.locator('li.comment').filter({ hasText: 'Cheap compost at my stall!' }).waitFor();

    await ravi.page.goto(proposalUrl);
    await ravi.page.getByRole('button', { name: 'Yes', exact: true }).click();
    await ravi.page.getByText('Your vote “Yes” is on the log.').waitFor();
    expect((await vote(t, meena, proposalId, 'no')).status).toBe(201);

    // The moderator hides asha's comment while the vote is open.
    const { items } = await web.api<{ items: { commentId: string; body: string }[] }>(`/proposals/${proposalId}/comments`);
    const commentId = items.find((c) => c.body.includes('Cheap compost'))!.commentId;
    actionId = randomUUID();
    const fields = {
      actionId,
      target: { kind: 'comment' as const, proposalId, commentId },
      kind: 'hide',
      rule: 'No advertising',
      reason: 'The comment advertises a stall.',
      until: null,
      resolves: [],
    };
    await request(t.server)
      .post('/api/moderation/actions')
      .set(auth(dev))
      .send({ ...fields, act: actFor(t, dev, 'moderation.TakeAction', takeActionSignedFields(fields)) })
      .expect(201);

    advancePast(closesAt);
    await asha.page.getByText('Passed', { exact: true }).first().waitFor();
    web.syncServerClock();
    // Asha did not vote: her weight went to ravi's yes.
    await asha.page.getByTestId('delegated-weight').filter({ hasText: '1' }).waitFor();
    await asha.page.getByText('(of which 1 delegated)').waitFor();
    const closed = await web.api<{ tally: { yes: number; no: number }; delegated: { yes: number } }>(`/proposals/${proposalId}`);
    expect(closed).toMatchObject({ tally: { yes: 2, no: 1 }, delegated: { yes: 1 } });
    await asha.page.reload();
    await asha.page.locator('li.comment').filter({ hasText: '(hidden by a moderator)' }).waitFor();
    await web.shot(asha.page, 'proposal-delegated');
  });

  it('the elected arbiter overturns a moderator’s action on appeal, and the comment shows again', async () => {
    const proposalUrl = `${web.base}/#/proposals/${proposalId}`;
    const actionUrl = `${web.base}/#/moderation/actions/${actionId}`;
    await asha.page.goto(actionUrl);
    await asha.page.getByLabel('Your statement').fill('It was a joke; I sell nothing.');
    await asha.page.getByRole('button', { name: 'Sign and appeal' }).click();
    await asha.page.getByTestId('appeal-status').filter({ hasText: 'Appealed, awaiting a decision' }).waitFor();

    // A fresh load reads the arbiter role the election granted.
    await ravi.page.goto(actionUrl);
    await ravi.page.reload();
    const decide = ravi.page.getByRole('form', { name: 'Decide the appeal' });
    await decide.getByLabel('Outcome').selectOption('overturned');
    await decide.getByRole('button', { name: 'Sign and decide' }).click();
    await decide.getByText('Write 1 to 1,000 characters.').waitFor();
    await decide.getByLabel('Public reason').fill('Read in context, it was a joke between neighbours.');
    await decide.getByRole('button', { name: 'Sign and decide' }).click();
    await ravi.page.getByTestId('appeal-status').filter({ hasText: 'Overturned' }).waitFor();
    await ravi.page.getByText('Read in context, it was a joke between neighbours.').waitFor();
    await web.shot(ravi.page, 'moderation-appeal-decided');

    await until(
      () => web.api<{ items: { body: string | null }[] }>(`/proposals/${proposalId}/comments`),
      ({ items }) => items.some((c) => c.body?.includes('Cheap compost') === true),
    );
    await ravi.page.goto(proposalUrl);
    await ravi.page.locator('li.comment').filter({ hasText: 'Cheap compost at my stall!' }).waitFor();
    // The moderation log is another projection than the comments: wait for it too.
    const action = await until(
      () => web.api<{ appeal: { status: string; decidedBy: string } }>(`/moderation/actions/${actionId}`),
      (a) => a.appeal?.status === 'overturned',
    );
    expect(action.appeal).toMatchObject({ status: 'overturned', decidedBy: ravi.memberId });
  });

  it('a disputed payment goes to arbitration, where the arbiter decides it', async () => {
    const { t } = web;
    await asha.page.goto(`${web.base}/#/transactions`);
    await asha.page.getByLabel('You', { exact: true }).selectOption('paid');
    await asha.page.getByLabel('Other party').selectOption({ label: 'meena' });
    await asha.page.getByLabel('Amount', { exact: true }).fill('300');
    await asha.page.getByLabel('Purpose').fill('Compost bins');
    await asha.page.getByRole('button', { name: 'Sign and record' }).click();
    const row = asha.page.getByRole('row').filter({ hasText: 'Compost bins' });
    await row.getByText('Awaiting confirmation').waitFor();

    const { items } = await web.api<{ items: { transactionId: string; purpose: string }[] }>(`/members/${meena.memberId}/transactions?limit=50&offset=0`);
    const transactionId = items.find((tx) => tx.purpose === 'Compost bins')!.transactionId;
    const reason = 'I never received this payment.';
    await request(t.server)
      .post(`/api/transactions/${transactionId}/dispute`)
      .set(auth(meena))
      .send({ reason, act: actFor(t, meena, 'records.DisputeTransaction', { transactionId, reason }) })
      .expect(201);

    await asha.page.reload();
    await row.getByText('Disputed').waitFor();
    await row.getByRole('button', { name: 'Take to arbitration' }).click();
    await asha.page.getByRole('heading', { level: 1, name: 'Arbitration' }).waitFor();

    // The arbiter is chosen by rule: ravi is the only arbiter and no party.
    await until(() => fetch(`${web.base}/api/arbitration/cases/${transactionId}`), (response) => response.ok);
    await asha.page.goto(`${web.base}/#/arbitration/${transactionId}`);
    const statement = asha.page.getByRole('form', { name: 'Your statement' });
    await statement.getByLabel('Your statement').fill('I paid by UPI on the first; the reference is in the record.');
    await statement.getByRole('button', { name: 'Sign and submit statement' }).click();
    await asha.page.locator('li').filter({ hasText: 'I paid by UPI on the first' }).waitFor();

    await ravi.page.goto(`${web.base}/#/arbitration`);
    await ravi.page.getByRole('link', { name: 'Case about a payment record' }).click();
    await ravi.page.getByText('I never received this payment.').waitFor();
    const decide = ravi.page.getByRole('form', { name: 'Decide the case' });
    await decide.getByLabel('Outcome').selectOption('rejected');
    await decide.getByLabel('Rationale (public)').fill('The bank statement shows the transfer on the day.');
    await decide.getByRole('button', { name: 'Sign and decide' }).click();
    await ravi.page.getByText('The bank statement shows the transfer on the day.').waitFor();
    await decide.waitFor({ state: 'detached' });
    await web.shot(ravi.page, 'arbitration-case');
    // The read model follows the log: wait for the decision rather than read it the instant the page shows it.
    const decided = await until(
      () => web.api<{ status: string; arbiterId: string; decision: { outcome: string } | null }>(`/arbitration/cases/${transactionId}`),
      (c) => c.status !== 'open',
    );
    expect(decided).toMatchObject({ status: 'decided', arbiterId: ravi.memberId, decision: { outcome: 'rejected' } });
  });

  it('follows the ledger live through server-sent events, and polls when the stream fails', async () => {
    const { t } = web;
    const sizeOf = async (page: Person['page']) => Number(await page.getByTestId('ledger-size').textContent());
    const moreEvents = async () => {
      await callElection(`Treasurer ${randomUUID().slice(0, 4)}`, 'steward');
    };

    const live = await web.browser.newContext();
    const page = await live.newPage();
    const infoRequests: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/ledger') infoRequests.push(r);
    });
    await page.goto(`${web.base}/#/ledger`);
    await page.getByTestId('ledger-mode').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('checkpoint-status').filter({ hasText: 'Valid for the key below' }).waitFor();
    const before = await sizeOf(page);
    await moreEvents();
    await until(() => sizeOf(page), (size) => size > before);
    // The new head came down the stream: the page asked for /api/ledger once, when it opened.
    expect(infoRequests).toHaveLength(1);
    await page.getByTestId('checkpoint-status').filter({ hasText: 'Valid for the key below' }).waitFor();
    await live.close();

    const cut = await web.browser.newContext();
    await cut.route('**/api/ledger/tail**', (route) => route.abort());
    const polling = await cut.newPage();
    await polling.goto(`${web.base}/#/ledger`);
    await polling.getByTestId('ledger-mode').filter({ hasText: 'The live stream is not available' }).waitFor();
    const start = await sizeOf(polling);
    await moreEvents();
    await until(() => sizeOf(polling), (size) => size > start);
    await cut.close();
    await settle(t);
  });

  it('leaves the community from the account screen after confirming', async () => {
    const page = asha.page;
    await page.goto(`${web.base}/#/account`);
    await page.getByRole('button', { name: 'Leave the community…' }).click();
    // Changing one's mind closes the confirmation without signing anything.
    await page.getByRole('button', { name: 'Stay' }).click();
    await page.getByRole('button', { name: 'Leave the community…' }).click();
    await page.getByLabel('Type your handle (asha) to confirm').fill('ravi');
    await page.getByRole('button', { name: 'Sign and leave' }).click();
    await page.getByText('Type your handle, asha, exactly.').waitFor();
    expect((await web.api<{ status: { kind: string } }>(`/members/${asha.memberId}`)).status.kind).not.toBe('left');
    await page.getByLabel('Type your handle (asha) to confirm').fill('asha');
    await page.getByRole('button', { name: 'Sign and leave' }).click();
    await page.getByText('You have left the community.').waitFor();
    await until(() => web.api<{ status: { kind: string } }>(`/members/${asha.memberId}`), (m) => m.status.kind === 'left');
    // The session ended with it: the account screen asks to log in, and the old password no longer works.
    await page.reload();
    await page.getByRole('link', { name: 'Log in' }).first().waitFor();
    const login = await request(web.t.server).post('/api/auth/login').send({ email: asha.email, password: asha.password });
    expect(login.status).toBe(401);
  });
});
