import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request, { type Response } from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { keyIdOf, rawPublicKey, signAct } from '../../src/commands/shared/signed-act.js';
import { actFor, type TestMember } from '../support/members.js';
import type { TestApp } from '../support/test-app.js';

export const PROBLEM_JSON = /^application\/problem\+json/;
export const problemType = (slug: string): string => `https://civic-ledger.org/problems/${slug}`;

/**
 * Makes the app's server listen once, for the whole file. Otherwise supertest starts and stops a
 * listener per request, and concurrent requests on one server would close it under each other.
 */
export async function listen(t: TestApp): Promise<void> {
  if (t.server.address()) return;
  await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', () => resolve()));
}

export function auth(member: Pick<TestMember, 'token'>): { Authorization: string } {
  return { Authorization: `Bearer ${member.token}` };
}

/** A signed act with every knob a forger or a careless client could turn. */
export function act(
  t: TestApp,
  member: Pick<TestMember, 'memberId' | 'keyId' | 'privateKey'>,
  command: string,
  fields: Record<string, unknown>,
  options: { issuedAt?: string; nonce?: string; signWith?: KeyObject; keyId?: string } = {},
) {
  const issuedAt = options.issuedAt ?? t.clock.now().toISOString();
  const nonce = options.nonce ?? randomUUID();
  const keyId = options.keyId ?? member.keyId;
  const { signature } = signAct({ command, actor: member.memberId, keyId, issuedAt, nonce, ...fields }, options.signWith ?? member.privateKey);
  return { keyId, issuedAt, nonce, signature };
}

/** A fresh Ed25519 key pair, as a client would generate one, with its key id. */
export function newKey(): { privateKey: KeyObject; publicKey: string; keyId: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * Asserts an RFC 9457 problem: the content type, status, type and code, and for a 400 that
 * `errors[].field` names each of `fields`.
 */
export function expectProblem(response: Response, status: number, slug: string, fields: string[] = []): void {
  expect({ status: response.status, contentType: response.headers['content-type'], body: response.body }).toMatchObject({
    status,
    contentType: expect.stringMatching(PROBLEM_JSON),
    body: { status, type: problemType(slug), title: expect.any(String) },
  });
  // Domain errors carry their stable code; 400s name every offending field.
  if (status !== 400) expect(response.body.code).toBe(slug);
  if (status === 400) {
    const named = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(named).toEqual(expect.arrayContaining(fields));
    expect(named.length).toBeGreaterThan(0);
  }
}

/** What "nothing was written" is measured by: the number of events, the log head as the API reports it, and private accounts. */
export async function writes(t: TestApp): Promise<{ events: number; head: number; accounts: number }> {
  const [events, accounts, projections] = await Promise.all([
    t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events'),
    t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM identity.accounts'),
    request(t.server).get('/api/projections').expect(200),
  ]);
  const heads = new Set((projections.body.items as { head: number }[]).map((p) => p.head));
  expect(heads.size).toBe(1);
  return { events: Number(events.rows[0]!.n), head: [...heads][0]!, accounts: Number(accounts.rows[0]!.n) };
}

/** Waits until every projection has applied the whole log (so a command that reads one sees everything). */
export async function settle(t: TestApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await request(t.server).get('/api/projections').expect(200);
    const items = body.items as { name: string; position: number; head: number; status: string }[];
    if (items.every((p) => p.position >= p.head)) return;
    const failed = items.find((p) => p.status === 'failed');
    if (failed) throw new Error(`projection ${failed.name} failed`);
    if (Date.now() > deadline) throw new Error(`projections did not catch up: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Rules {
  quorumBps: number;
  thresholdBps: number;
  allowVoteChange: boolean;
}

/**
 * Drafts a proposal through the API and, unless `submit` is false, submits it as its author, so
 * that it is ready to be opened; returns its id.
 */
export async function draft(
  t: TestApp,
  author: TestMember,
  rules: Rules = { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true },
  { submit = true }: { submit?: boolean } = {},
): Promise<string> {
  const proposalId = randomUUID();
  const body = { proposalId, title: `Proposal ${proposalId.slice(0, 8)}`, body: 'Let us.', rules };
  await request(t.server)
    .post('/api/proposals')
    .set(auth(author))
    .send({ ...body, act: actFor(t, author, 'governance.DraftProposal', draftProposalSignedFields(body)) })
    .expect(201);
  if (submit) await submitProposal(t, author, proposalId);
  return proposalId;
}

/** Submits a draft as its author (only a submitted proposal can be opened). */
export async function submitProposal(t: TestApp, author: TestMember, proposalId: string): Promise<{ position: number }> {
  const response = await request(t.server)
    .post(`/api/proposals/${proposalId}/submission`)
    .set(auth(author))
    .send({ act: actFor(t, author, 'governance.SubmitProposal', { proposalId }) });
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return { position: response.body.position };
}

/** Opens a drafted proposal until `closesInMs` from the test clock; returns the closing time and the position. */
export async function open(t: TestApp, opener: TestMember, proposalId: string, closesInMs = 3600_000): Promise<{ closesAt: string; position: number }> {
  await settle(t);
  const closesAt = new Date(t.clock.now().getTime() + closesInMs).toISOString();
  const response = await request(t.server)
    .post(`/api/proposals/${proposalId}/open`)
    .set(auth(opener))
    .send({ closesAt, act: actFor(t, opener, 'governance.OpenProposal', { proposalId, closesAt }) });
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return { closesAt, position: response.body.position };
}

/** A vote through the API (not asserted). */
export function vote(t: TestApp, member: TestMember, proposalId: string, choice: string, headers: Record<string, string> = {}) {
  return request(t.server)
    .post(`/api/proposals/${proposalId}/votes`)
    .set(auth(member))
    .set(headers)
    .send({ choice, act: actFor(t, member, 'governance.CastVote', { proposalId, choice }) });
}

/**
 * Registers `count` members through the API, `concurrency` at a time (registration hashes the
 * password with scrypt, the expensive part: a small pool keeps a core free for the other test
 * worker), registers a signing key for each, and gives each an access token from the app's own
 * JWT service instead of a second scrypt at login.
 */
export async function registerMany(t: TestApp, count: number, prefix: string, concurrency = 2): Promise<TestMember[]> {
  const jwt = t.app.get(JwtService);
  const members: TestMember[] = new Array(count);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < count; i = next++) {
      const handle = `${prefix}-${i}`;
      const email = `${handle}@example.org`;
      const password = 'correct horse battery staple';
      const registered = await request(t.server).post('/api/members').send({ email, password, handle }).expect(201);
      const memberId: string = registered.body.memberId;
      const token = await jwt.signAsync({ sub: memberId }, { expiresIn: 3600 });
      const key = newKey();
      const member: TestMember = { memberId, handle, email, password, token, ...key };
      await request(t.server)
        .post('/api/members/me/keys')
        .set(auth(member))
        .send({ publicKey: key.publicKey, act: actFor(t, member, 'members.RegisterKey', { publicKey: key.publicKey }) })
        .expect(201);
      members[i] = member;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return members;
}
