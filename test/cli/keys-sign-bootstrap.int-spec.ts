import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { verifyAct } from '../../src/commands/shared/signed-act.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { civic, expectNoStackTrace, tempDir, type CivicRun } from './support/civic.js';

jest.setTimeout(60_000);

let db: TestDatabase;
let dir: string;
let env: { DATABASE_URL: string; DATA_DIR: string };
const keyFile = () => join(dir, 'asha.key.json');
const password = 'a demo operator password';

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir();
  env = { DATABASE_URL: db.url, DATA_DIR: dir };
  writeFileSync(join(dir, 'password.txt'), `${password}\n`);
});
afterAll(async () => {
  await db.drop();
});

function expectUsageError(run: CivicRun, message: RegExp): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(message) });
  expect(run.stdout).toBe('');
  expectNoStackTrace(run);
}

it('generates a key file and refuses to overwrite it', async () => {
  const first = await civic(['keys', 'generate', '--out', keyFile(), '--json'], env);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  const printed = JSON.parse(first.stdout) as { keyId: string; publicKey: string };
  const file = JSON.parse(readFileSync(keyFile(), 'utf8')) as { keyId: string; publicKey: string; privateKeyPem: string };
  expect(file).toEqual({ keyId: printed.keyId, publicKey: printed.publicKey, privateKeyPem: expect.stringContaining('BEGIN PRIVATE KEY') });
  expect(statSync(keyFile()).mode & 0o777).toBe(0o600);

  const again = await civic(['keys', 'generate', '--out', keyFile()], env);
  expectUsageError(again, /exists; refusing to overwrite/);
  expect(JSON.parse(readFileSync(keyFile(), 'utf8'))).toEqual(file);
});

it('fails clearly on a missing or garbled key file, bad --fields and unknown commands', async () => {
  writeFileSync(join(dir, 'garbled.json'), 'this is not a key\n');
  writeFileSync(join(dir, 'not-pem.json'), JSON.stringify({ privateKeyPem: 'MC4CAQAwBQYDK2VwBCIEI' }));
  const vote = ['--actor', randomUUID(), '--command', 'governance.CastVote', '--fields', '{"proposalId":"p-1","choice":"yes"}'];
  const [missing, garbled, notPem, badJson, notObject, unknownType, missingField, unknownCommand, missingOption] = await Promise.all([
    civic(['sign', '--key', join(dir, 'missing.json'), ...vote], env),
    civic(['sign', '--key', join(dir, 'garbled.json'), ...vote], env),
    civic(['sign', '--key', join(dir, 'not-pem.json'), ...vote], env),
    civic(['sign', '--key', keyFile(), '--actor', 'm-1', '--command', 'governance.CastVote', '--fields', '{"proposalId": "p-1", choice: yes}'], env),
    civic(['sign', '--key', keyFile(), '--actor', 'm-1', '--command', 'governance.CastVote', '--fields', '"yes"'], env),
    civic(['sign', '--key', keyFile(), '--actor', 'm-1', '--command', 'governance.Vote', '--fields', '{"proposalId":"p-1"}'], env),
    civic(['sign', '--key', keyFile(), '--actor', 'm-1', '--command', 'governance.CastVote', '--fields', '{"choice":"yes"}'], env),
    civic(['frobnicate'], env),
    civic(['sign', '--key', keyFile(), '--actor', 'm-1'], env),
  ]);
  expectUsageError(missing, /key file .*missing\.json does not exist/);
  expectUsageError(garbled, /key file .*garbled\.json is not a key file: it is not JSON/);
  expectUsageError(notPem, /privateKeyPem is not a PEM private key/);
  expectUsageError(badJson, /--fields is not valid JSON/);
  expectUsageError(notObject, /--fields must be a JSON object/);
  expectUsageError(unknownType, /unknown command "governance\.Vote"; signed commands: members\.RegisterKey, .*governance\.CastVote/);
  expectUsageError(missingField, /--fields for governance\.CastVote: missing proposalId/);
  expectUsageError(unknownCommand, /unknown command 'frobnicate'/);
  expectUsageError(missingOption, /required option '--command <type>' not specified/);
});

describe('with a first steward', () => {
  let memberId: string;

  it('members bootstrap registers the member with the key and makes the first steward; a second is refused', async () => {
    const first = await civic(
      ['members', 'bootstrap', '--email', 'asha@example.org', '--handle', 'asha', '--password-file', join(dir, 'password.txt'), '--key', keyFile(), '--json'],
      env,
    );
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(first.stdout) as { memberId: string; created: boolean; keyId: string; keyRegistered: boolean; roles: string[] };
    const key = JSON.parse(readFileSync(keyFile(), 'utf8')) as { keyId: string };
    expect(result).toMatchObject({ created: true, keyId: key.keyId, keyRegistered: true, roles: ['steward', 'verifier'] });
    memberId = result.memberId;

    const [second, badHandle] = await Promise.all([
      civic(['members', 'bootstrap', '--email', 'ben@example.org', '--handle', 'ben', '--password-file', join(dir, 'password.txt')], env),
      civic(['members', 'bootstrap', '--email', 'cy@example.org', '--handle', 'C', '--password-file', join(dir, 'password.txt')], env),
    ]);
    expect(second).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/already has a steward/) });
    expectNoStackTrace(second);
    expectUsageError(badHandle, /--handle "C" must be 3-32 characters/);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM identity.accounts');
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('signs acts that verify and that the API accepts', async () => {
    const key = JSON.parse(readFileSync(keyFile(), 'utf8')) as { keyId: string; publicKey: string };
    const draft = { proposalId: randomUUID(), title: 'Signed on the command line', body: 'A body of some length.\nTwo lines.', rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true } };
    const vote = { proposalId: draft.proposalId, choice: 'yes' };
    const [signedDraft, signedVote] = await Promise.all([
      civic(['sign', '--key', keyFile(), '--actor', memberId, '--command', 'governance.DraftProposal', '--fields', JSON.stringify(draft)], env),
      civic(['sign', '--key', keyFile(), '--actor', memberId, '--command', 'governance.CastVote', '--fields', JSON.stringify(vote)], env),
    ]);
    expect(signedDraft).toMatchObject({ code: 0, stderr: '' });
    expect(signedVote).toMatchObject({ code: 0, stderr: '' });
    const draftAct = JSON.parse(signedDraft.stdout) as { keyId: string; issuedAt: string; nonce: string; signature: string };
    const voteAct = JSON.parse(signedVote.stdout) as typeof draftAct;
    expect(Object.keys(draftAct).sort()).toEqual(['issuedAt', 'keyId', 'nonce', 'signature']);
    expect(draftAct.keyId).toBe(key.keyId);

    // As the API rebuilds and checks them (draft: the body signed as bodySha256).
    const keys = { [key.keyId]: key.publicKey };
    const draftFields = draftProposalSignedFields(draft);
    const envelope = (act: typeof draftAct, command: string) => ({ command, actor: memberId, keyId: act.keyId, issuedAt: act.issuedAt, nonce: act.nonce });
    expect(() =>
      verifyAct({ command: { ...envelope(draftAct, 'governance.DraftProposal'), ...draftFields }, signature: draftAct.signature }, { command: 'governance.DraftProposal', actor: memberId, fields: draftFields }, keys, new Date(), 300),
    ).not.toThrow();
    expect(() =>
      verifyAct({ command: { ...envelope(voteAct, 'governance.CastVote'), ...vote }, signature: voteAct.signature }, { command: 'governance.CastVote', actor: memberId, fields: vote }, keys, new Date(), 300),
    ).not.toThrow();

    // And the real API, on the same database, accepts the draft with the CLI's act.
    const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dir, JWT_SECRET: 'test-secret-of-sufficient-length-0123456789', DEMO_SEED: 'false', SERVE_WEB: 'false', ROLE: 'api' });
    const app = await createApp(config, { logger: false });
    await app.init();
    try {
      const login = await request(app.getHttpServer()).post('/api/auth/login').send({ email: 'asha@example.org', password }).expect(200);
      const created = await request(app.getHttpServer())
        .post('/api/proposals')
        .set('Authorization', `Bearer ${login.body.accessToken as string}`)
        .send({ ...draft, act: draftAct });
      expect({ status: created.status, body: created.body }).toMatchObject({ status: 201, body: { position: expect.any(Number) } });
    } finally {
      await app.close();
    }
  });
});
