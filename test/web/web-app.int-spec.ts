import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import type { Browser, Page } from 'playwright-core';
import { BootstrapStewardRequest } from '../../src/commands/members/grant-role/bootstrap-steward.handler.js';
import { metaAt } from '../../src/commands/shared/command-meta.js';
import type { TestApp } from '../support/test-app.js';
import { startWebApp, until, type Person, type WebApp } from './web-support.js';

/*
 * The built web app (apps/web/dist, served by the API process) in Debian's Chromium, against the
 * real backend on embedded PostgreSQL. Keys are made, kept and used by WebCrypto in the browser.
 * WEB_SCREENSHOTS=docs/screenshots writes the screenshots shown in the README.
 */

let web: WebApp;
let t: TestApp;
let browser: Browser;
let base: string;
let downloads: string;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  web = await startWebApp();
  ({ t, browser, base, downloads } = web);
});

afterAll(async () => {
  await web?.close();
});

const shot = (page: Page, name: string, fullPage = true): Promise<void> => web.shot(page, name, fullPage);
const person = (handle: string): Promise<Person> => web.person(handle);
const join_ = (p: Person): Promise<void> => web.join(p);
const syncServerClock = (): void => web.syncServerClock();
const api = <T>(path: string): Promise<T> => web.api<T>(path);

describe('the web app in Chromium', () => {
  const people: Record<string, Person> = {};
  let proposalUrl = '';

  it('registers two members with browser-made keys; the steward verifies the other', async () => {
    people.asha = await person('asha');
    people.ravi = await person('ravi');
    await join_(people.asha);
    await shot(people.asha.page, 'account');
    await join_(people.ravi);
    // The first steward is made by an operator (CLI), as on a new instance.
    const { position } = await t.app.get(CommandBus).execute(new BootstrapStewardRequest(people.asha.memberId!, metaAt('system', t.clock.now())));
    await api(`/members/${people.asha.memberId}?atPosition=${position}`);

    const { page } = people.asha;
    await page.goto(`${base}/#/members`);
    await page.reload();
    const verify = page.getByRole('button', { name: 'Verify ravi' });
    await verify.click();
    await page.getByLabel('How you checked').selectOption('in-person');
    await page.getByRole('button', { name: 'Sign and verify' }).click();
    await page.getByText('Write 1 to 2,000 characters.').waitFor();
    await page.getByLabel('What you checked (private)').fill('Met at the garden meeting; knows the north path group.');
    await page.getByRole('button', { name: 'Sign and verify' }).click();
    await verify.waitFor({ state: 'detached' });
    await page.locator('tr[data-handle="ravi"]').getByText('Verified', { exact: true }).waitFor();
    await shot(page, 'members');
    const ravi = await api<{ verified: boolean; keys: { keyId: string }[] }>(`/members/${people.ravi.memberId}`);
    expect(ravi.verified).toBe(true);
    expect(ravi.keys).toHaveLength(1);
  });

  it('restores a key from its backup file on another device', async () => {
    const device = await browser.newContext();
    const page = await device.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill(people.ravi.email);
    await page.getByLabel('Password').fill(people.ravi.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Restore a key from its backup' }).waitFor();
    await page.getByLabel('Backup file').setInputFiles(people.ravi.backupPath!);
    await page.getByLabel('Passphrase of the backup').fill('not the passphrase');
    await page.getByRole('button', { name: 'Restore key' }).click();
    await page.getByRole('alert').getByText('The passphrase is wrong, or the file was changed.').waitFor();
    await page.getByLabel('Passphrase of the backup').fill(people.ravi.passphrase);
    await page.getByRole('button', { name: 'Restore key' }).click();
    await page.getByTestId('key-status').filter({ hasText: 'Registered on the log' }).waitFor();
    // The restored key is the one registered at creation: nothing new went on the log.
    const ravi = await api<{ keys: { keyId: string }[] }>(`/members/${people.ravi.memberId}`);
    expect(ravi.keys.map((k) => k.keyId)).toEqual([(await page.getByTestId('key-id').textContent())!.trim()]);
    await device.close();
  });

  it('drafts, submits, opens, votes and shows the result once the proposal closes', async () => {
    const ravi = people.ravi.page;
    await ravi.goto(`${base}/#/proposals/new`);
    await ravi.getByLabel('Title').fill('Plant trees on the commons');
    await ravi.getByLabel('Text').fill('Forty saplings along the north path.\nVolunteers water them weekly.');
    await ravi.getByLabel('Quorum (%)').fill('50');
    await ravi.getByRole('button', { name: 'Sign and save draft' }).click();
    await ravi.getByRole('heading', { name: 'Plant trees on the commons' }).waitFor();
    proposalUrl = ravi.url();
    await ravi.getByRole('button', { name: 'Sign and submit' }).click();
    await ravi.getByText('Submitted', { exact: true }).waitFor();

    const asha = people.asha.page;
    await asha.goto(proposalUrl);
    await asha.getByLabel('Voting closes after (minutes)').fill('3');
    await asha.getByRole('button', { name: 'Sign and open voting' }).click();
    await asha.getByRole('group', { name: 'Your vote' }).waitFor();
    await asha.getByRole('button', { name: 'Yes', exact: true }).click();
    await asha.getByText('Your vote “Yes” is on the log.').waitFor();

    await ravi.reload();
    await ravi.getByRole('button', { name: 'No', exact: true }).click();
    await ravi.getByText('Your vote “No” is on the log.').waitFor();
    await ravi.getByRole('button', { name: 'Yes', exact: true }).click();
    await ravi.getByText('Your vote “Yes” is on the log.').waitFor();
    await ravi.getByRole('textbox', { name: 'Your comment' }).fill('I can water them on Sundays.');
    await ravi.getByRole('button', { name: 'Sign and post' }).click();
    await ravi.getByText('I can water them on Sundays.', { exact: true }).first().waitFor();
    // The live tally (polled) shows both votes on the other member's screen.
    await asha.getByText('2 of 2').first().waitFor();
    await shot(asha, 'proposal-open');

    const proposalId = decodeURIComponent(proposalUrl.split('/').pop()!);
    const open = await api<{ tally: { yes: number; no: number }; closesAt: string }>(`/proposals/${proposalId}`);
    expect(open.tally).toMatchObject({ yes: 2, no: 0 });
    // Past the closing time on the server's clock; the closer closes it and the page shows the result.
    t.clock.advance(Date.parse(open.closesAt) - t.clock.now().getTime() + 1000);
    await asha.getByText('Passed', { exact: true }).first().waitFor();
    syncServerClock();
    await asha.goto(`${base}/#/decision-log`);
    await asha.getByRole('link', { name: 'Plant trees on the commons' }).waitFor();
    await asha.getByRole('img', { name: 'Turnout of each decision' }).waitFor();
    const csv = asha.waitForEvent('download');
    // The server's export of the decision_log view: every decision, not only this page.
    await asha.getByRole('link', { name: 'Download the whole decision log as CSV' }).click();
    const csvPath = join(downloads, 'decision_log.csv');
    await (await csv).saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8')).toMatch(/^proposal_id,title,motion_kind,topic,result,yes,no,abstain,.*\n[0-9a-f-]{36},Plant trees on the commons,[^,]*,[^,]*,passed,2,0,0,/);
    await shot(asha, 'decision-log');
    await asha.goto(`${base}/#/proposals`);
    await asha.getByRole('link', { name: 'Plant trees on the commons' }).waitFor();
    await shot(asha, 'proposals');
  });

  it('publishes a template, drafts a contract from it, and both parties sign it in their browsers', async () => {
    const asha = people.asha.page;
    await asha.goto(`${base}/#/contracts/templates/new`);
    await asha.getByLabel('Title', { exact: true }).fill('Garden plot rental');
    await asha.getByLabel('Kind of contract').selectOption('rental');
    await asha.getByLabel('Text', { exact: true }).fill('{{tenant}} rents plot {{plot}} for {{rent}} a month from {{start}}.');
    const fields = [
      ['tenant', 'Tenant', 'member'],
      ['plot', 'Plot number', 'integer'],
      ['rent', 'Monthly rent', 'money'],
      ['start', 'Start date', 'date'],
    ];
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) await asha.getByRole('button', { name: 'Add a field' }).click();
      await asha.getByLabel(`Name of field ${i + 1}`).fill(fields[i][0]);
      await asha.getByLabel(`Label of field ${i + 1}`).fill(fields[i][1]);
      await asha.getByLabel(`Type of field ${i + 1}`).selectOption(fields[i][2]);
    }
    await asha.getByRole('button', { name: 'Sign and publish' }).click();
    await asha.getByRole('link', { name: 'Draft a contract from “Garden plot rental”' }).waitFor();

    const ravi = people.ravi.page;
    await ravi.goto(`${base}/#/contracts`);
    await ravi.getByRole('link', { name: 'Draft a contract from “Garden plot rental”' }).click();
    await ravi.getByLabel('Tenant').selectOption({ label: 'ravi' });
    await ravi.getByLabel('Plot number').fill('twelve');
    await ravi.getByLabel('Monthly rent', { exact: true }).fill('1500');
    await ravi.getByLabel('Start date').fill('2027-01-01');
    await ravi.getByLabel('Your role').fill('tenant');
    await ravi.getByLabel('Other party').selectOption({ label: 'asha' });
    await ravi.getByLabel('Their role').fill('landlord');
    await ravi.getByRole('button', { name: 'Sign and save draft' }).click();
    await ravi.getByText('Give a whole number.').waitFor();
    await ravi.getByLabel('Plot number').fill('12');
    await ravi.getByRole('button', { name: 'Sign and save draft' }).click();
    await ravi.getByTestId('contract-document').filter({ hasText: 'rents plot 12' }).waitFor();
    const contractUrl = ravi.url();
    await ravi.getByRole('button', { name: 'Sign the document' }).click();
    await ravi.getByRole('button', { name: 'Sign the document' }).waitFor({ state: 'detached' });

    await asha.goto(contractUrl);
    await asha.getByTestId('contract-document').filter({ hasText: 'rents plot 12' }).waitFor();
    await asha.getByRole('button', { name: 'Sign the document' }).click();
    await asha.getByTestId('contract-status').filter({ hasText: 'Signed by all parties' }).waitFor();
    await shot(asha, 'contract');
    const contractId = decodeURIComponent(contractUrl.split('/').pop()!);
    const response = await fetch(`${base}/api/contracts/${contractId}`);
    const contract = (await response.json()) as { status: string; parties: { signature: unknown }[] };
    expect(contract.status).toBe('executed');
    expect(contract.parties.every((p) => p.signature !== null)).toBe(true);
  });

  it('grants a role by a vote; a member reports a comment, the moderator acts, the author appeals', async () => {
    const asha = people.asha.page;
    const ravi = people.ravi.page;
    await asha.goto(`${base}/#/proposals/new`);
    await asha.getByLabel('Title').fill('Ravi moderates');
    await asha.getByLabel('Text').fill('Ravi has offered to work the report queue.');
    await asha.getByLabel('What passing it does').selectOption('grant-role');
    await asha.getByLabel('Member', { exact: true }).selectOption({ label: 'ravi' });
    await asha.getByLabel('Role', { exact: true }).selectOption('moderator');
    await asha.getByRole('button', { name: 'Sign and save draft' }).click();
    await asha.getByRole('button', { name: 'Sign and submit' }).click();
    await asha.getByLabel('Voting closes after (minutes)').fill('2');
    await asha.getByRole('button', { name: 'Sign and open voting' }).click();
    await asha.getByRole('button', { name: 'Yes', exact: true }).click();
    await asha.getByText('Your vote “Yes” is on the log.').waitFor();
    await ravi.goto(asha.url());
    await ravi.getByRole('button', { name: 'Yes', exact: true }).click();
    await ravi.getByText('Your vote “Yes” is on the log.').waitFor();
    // The discussion is open while the vote is.
    await asha.getByRole('textbox', { name: 'Your comment' }).fill('Buy my miracle fertiliser at the corner shop!');
    await asha.getByRole('button', { name: 'Sign and post' }).click();
    await asha.locator('li.comment').filter({ hasText: 'Buy my miracle fertiliser' }).waitFor();
    const proposalId = decodeURIComponent(asha.url().split('/').pop()!);
    const open = await until(
      () => api<{ tally: { yes: number }; closesAt: string }>(`/proposals/${proposalId}`),
      (p) => p.tally.yes === 2,
    );
    t.clock.advance(Date.parse(open.closesAt) - t.clock.now().getTime() + 1000);
    await asha.getByText('Passed', { exact: true }).first().waitFor();
    syncServerClock();
    await until(
      () => api<{ roles: string[] }>(`/members/${people.ravi.memberId}`),
      (m) => m.roles.includes('moderator'),
    );

    await ravi.reload();
    const comment = ravi.locator('li.comment').filter({ hasText: 'Buy my miracle fertiliser' });
    await comment.getByRole('button', { name: 'Report this comment' }).click();
    await comment.getByLabel('Why').selectOption('spam');
    await comment.getByLabel('Note for the moderators').fill('Advertising in the discussion.');
    await comment.getByRole('button', { name: 'Sign and report' }).click();
    await comment.getByText('Your report was sent to the moderators.').waitFor();

    await ravi.goto(`${base}/#/moderation/queue`);
    const report = ravi.locator('li[data-report]').filter({ hasText: 'Advertising in the discussion.' });
    await report.getByLabel('Action').selectOption('hide');
    await report.getByLabel('Rule').fill('No advertising');
    await report.getByLabel('Public reason').fill('The comment advertises a shop.');
    await report.getByRole('button', { name: 'Sign and act' }).click();
    await ravi.getByRole('heading', { name: 'Moderation action' }).waitFor();
    const actionUrl = ravi.url();

    await asha.goto(`${base}/#/moderation`);
    await asha.getByRole('link', { name: 'Action' }).first().waitFor();
    await asha.goto(actionUrl);
    await asha.getByLabel('Your statement').fill('It was a joke among gardeners.');
    await asha.getByRole('button', { name: 'Sign and appeal' }).click();
    await asha.getByTestId('appeal-status').filter({ hasText: 'Appealed, awaiting a decision' }).waitFor();
    await shot(asha, 'moderation-appeal');
    const actionId = decodeURIComponent(actionUrl.split('/').pop()!);
    const action = await api<{ kind: string; appeal: { status: string; statement: string } }>(`/moderation/actions/${actionId}`);
    expect(action).toMatchObject({ kind: 'hide', appeal: { status: 'pending', statement: 'It was a joke among gardeners.' } });
  });

  it('records a payment that the other member confirms', async () => {
    const ravi = people.ravi.page;
    await ravi.goto(`${base}/#/transactions`);
    await ravi.getByLabel('You', { exact: true }).selectOption('paid');
    await ravi.getByLabel('Other party').selectOption({ label: 'asha' });
    await ravi.getByLabel('Amount', { exact: true }).fill('250');
    await ravi.getByLabel('Purpose').fill('Seeds for the north path');
    await ravi.getByRole('button', { name: 'Sign and record' }).click();
    await ravi.getByRole('row').filter({ hasText: 'Seeds for the north path' }).getByText('Awaiting confirmation').waitFor();

    const asha = people.asha.page;
    await asha.goto(`${base}/#/transactions`);
    const row = asha.getByRole('row').filter({ hasText: 'Seeds for the north path' });
    await row.getByRole('button', { name: 'Sign and confirm' }).click();
    await row.getByText('Confirmed', { exact: true }).waitFor();
  });

  it('shows analysts charts of decisions, payments and moderation on a phone, and exports a view as CSV', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${base}/#/proposals`);
    // On a phone the links are behind the menu button, which works from the keyboard.
    const menu = page.getByRole('button', { name: 'Menu' });
    const analytics = page.getByRole('link', { name: 'Analytics' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await analytics.isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    await analytics.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'nav-phone', false);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await analytics.waitFor({ state: 'hidden' });
    // Escape gave the focus back to the button: Enter opens the menu again.
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await analytics.click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // Both proposals closed above passed: the chart's table counts them.
    const decisions = page.getByRole('figure', { name: 'Decisions per month by result' });
    await decisions.getByRole('img', { name: 'Decisions per month by result' }).waitFor();
    await decisions.getByText('Show the numbers as a table').click();
    const passedCells = await decisions.getByRole('table').locator('tbody tr td:nth-of-type(1)').allTextContents();
    const passed = (await api<{ items: { result: string }[] }>('/decision-log?limit=100')).items.filter((d) => d.result === 'passed').length;
    expect(passed).toBe(2);
    expect(passedCells.reduce((sum, cell) => sum + Number(cell), 0)).toBe(passed);
    await page.getByRole('figure', { name: 'Outcomes by kind of motion' }).waitFor();
    await page.getByRole('figure', { name: 'Payment volume per month in INR' }).waitFor();
    await page.getByRole('figure', { name: 'Moderation actions per month' }).waitFor();

    // The CSV link is the server's export; its header row is the view's columns.
    const { items: views } = await api<{ items: { name: string; columns: string[] }[] }>('/analytics');
    const columns = views.find((view) => view.name === 'turnout_by_month')!.columns;
    const href = await page.getByRole('link', { name: 'Download turnout_by_month as CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { type: response.headers.get('content-type'), text: await response.text() };
    }, href!);
    expect(csv.type).toMatch(/^text\/csv/);
    const [header, ...rows] = csv.text.trimEnd().split('\n');
    expect(header).toBe(columns.join(','));
    const passedAt = columns.indexOf('passed');
    expect(rows.reduce((sum, row) => sum + Number(row.split(',')[passedAt]), 0)).toBe(passed);
    await context.close();

    const desktop = people.asha.page;
    await desktop.goto(`${base}/#/analytics`);
    await desktop.getByRole('figure', { name: 'Moderation actions per month' }).waitFor();
    await shot(desktop, 'analytics');
  });

  it('verifies in the browser that an event is included in the signed checkpoint', async () => {
    const auditor = await browser.newContext();
    const page = await auditor.newPage();
    await page.goto(`${base}/#/ledger?from=0`);
    await page.getByTestId('checkpoint-status').filter({ hasText: 'Valid for the key below' }).waitFor();
    const row = page.locator('tr[data-index="3"]');
    await row.getByRole('button', { name: 'Verify that event 3 is included' }).click();
    await page.getByTestId('inclusion-result').filter({ hasText: /Event 3 is included in the signed checkpoint of size \d+\./ }).waitFor();
    await shot(page, 'ledger');
    // A key that is not the log's: the same checkpoint no longer verifies.
    await page.getByLabel("The log's public key").fill('civic.test/ledger+00000000+AQ' + 'A'.repeat(42) + '=');
    await page.getByTestId('checkpoint-status').filter({ hasText: 'The key below is not a valid verifier key' }).waitFor();
    // Operators: every projection with its position and lag.
    await page.goto(`${base}/#/operators`);
    await page.getByRole('rowheader', { name: 'proposals', exact: true }).waitFor();
    await shot(page, 'operators');
    await auditor.close();
  });

  it('shows the error of a failed request and keeps what was typed', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${base}/#/register`);
    await page.getByLabel('Handle').fill('asha');
    await page.getByLabel('Email').fill('someone-else@example.org');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    // Checked before sending: nothing goes to the server.
    await page.getByText('The password must be 10 to 200 characters.').waitFor();
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/handle/i);
    expect(await page.getByLabel('Email').inputValue()).toBe('someone-else@example.org');
    await shot(page, 'error-phone', false);

    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill(people.asha.email);
    await page.getByLabel('Password').fill('wrong password entirely');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('email or password is wrong').waitFor();
    await context.close();
  });

  it('replaces a signing key: the old key signs the new one in, and acts go on with the new key', async () => {
    const ravi = people.ravi.page;
    await ravi.goto(`${base}/#/account`);
    const before = (await ravi.getByTestId('key-id').textContent())!.trim();
    await ravi.getByRole('button', { name: 'Replace this key' }).click();
    await ravi.getByLabel("Passphrase for the new key's backup", { exact: true }).fill('a fresh long passphrase');
    await ravi.getByLabel("Passphrase for the new key's backup, again").fill('a fresh long passphrase');
    await ravi.getByRole('button', { name: 'Sign and replace the key' }).click();
    await ravi.getByRole('link', { name: 'Download backup file' }).waitFor();
    await ravi.getByTestId('key-id').filter({ hasNotText: before }).waitFor();
    await ravi.getByTestId('key-status').filter({ hasText: 'Registered on the log' }).waitFor();
    await ravi.goto(`${base}/#/transactions`);
    await ravi.getByLabel('Other party').selectOption({ label: 'asha' });
    await ravi.getByLabel('Amount', { exact: true }).fill('40');
    await ravi.getByLabel('Purpose').fill('Signed with the new key');
    await ravi.getByRole('button', { name: 'Sign and record' }).click();
    await ravi.getByRole('row').filter({ hasText: 'Signed with the new key' }).waitFor();
  });

  it('replaces a lost key on a verifier’s word: the member’s new device makes the request, the verifier signs it', async () => {
    const device = await browser.newContext();
    const page = await device.newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill(people.ravi.email);
    await page.getByLabel('Password').fill(people.ravi.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const lost = (await api<{ keys: { keyId: string; retiredPosition: number | null }[] }>(`/members/${people.ravi.memberId}`)).keys.find((k) => k.retiredPosition === null)!.keyId;
    await page.getByRole('button', { name: /Lost your key\?/ }).click();
    await page.getByLabel('Verifier who vouches for you').selectOption({ label: 'asha' });
    await page.getByLabel("Passphrase for the new key's backup", { exact: true }).fill('ravi starts again with this');
    await page.getByLabel("Passphrase for the new key's backup, again").fill('ravi starts again with this');
    await page.getByRole('button', { name: 'Make the new key and the request' }).click();
    await page.getByRole('link', { name: 'Download backup file' }).waitFor();
    const rotationRequest = await page.getByLabel('Request (copy it for the verifier)').inputValue();

    const asha = people.asha.page;
    await asha.goto(`${base}/#/members`);
    const panel = asha.getByRole('region', { name: "Vouch for a member's new key" });
    await panel.getByLabel('Request from the member').fill('{}');
    await panel.getByRole('button', { name: 'Check the request' }).click();
    await panel.getByText('This is not a key rotation request.').waitFor();
    await panel.getByLabel('Request from the member').fill(rotationRequest);
    await panel.getByRole('button', { name: 'Check the request' }).click();
    await panel.getByText(`a new key replaces the lost key ${lost}`).waitFor();
    await panel.getByRole('button', { name: 'Sign and vouch for ravi' }).click();
    await panel.getByText('The new key of ravi is on the log; the lost key is retired.').waitFor();

    // The new device keeps the key once the log has it, and signs with it.
    await page.getByTestId('key-status').filter({ hasText: 'Registered on the log' }).waitFor();
    const newKeyId = (await page.getByTestId('key-id').textContent())!.trim();
    const ravi = await api<{ keys: { keyId: string; retiredPosition: number | null; attestedBy: string | null }[] }>(`/members/${people.ravi.memberId}`);
    expect(ravi.keys.find((k) => k.keyId === newKeyId)).toMatchObject({ retiredPosition: null, attestedBy: people.asha.memberId });
    expect(ravi.keys.find((k) => k.keyId === lost)!.retiredPosition).not.toBeNull();
    await device.close();
  });

  it('switches to Hindi', async () => {
    const page = people.asha.page;
    await page.goto(`${base}/#/proposals`);
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { level: 1, name: 'प्रस्ताव' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('hi-IN');
    await shot(page, 'proposals-hindi');
  });
});
