import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { createApp } from '../../../src/app.js';
import { draftProposalSignedFields } from '../../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { BootstrapStewardRequest } from '../../../src/commands/members/grant-role/bootstrap-steward.handler.js';
import { metaAt } from '../../../src/commands/shared/command-meta.js';
import { keyIdOf, rawPublicKey, signAct } from '../../../src/commands/shared/signed-act.js';
import { loadConfig } from '../../../src/config/config.js';
import { appEnv, type AppProcesses } from './app-process.js';
import { http, type Answer } from './http.js';

export { http, type Answer };

/** A member as a client holds it: credentials, token and Ed25519 signing key. */
export interface ClientMember {
  memberId: string;
  handle: string;
  email: string;
  password: string;
  token: string;
  keyId: string;
  publicKey: string;
  privateKey: KeyObject;
}

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const a = await answer;
  if (a.status !== status) throw new Error(`${what}: expected ${status}, got ${a.status} ${JSON.stringify(a.body)}`);
  return a;
}

/** The `act` of a request body, signed now with the member's key, as the web app or `civic sign` does. */
export function actFor(member: Pick<ClientMember, 'memberId' | 'keyId' | 'privateKey'>, command: string, fields: Record<string, unknown>) {
  const issuedAt = new Date().toISOString();
  const nonce = randomUUID();
  const { signature } = signAct({ command, actor: member.memberId, keyId: member.keyId, issuedAt, nonce, ...fields }, member.privateKey);
  return { keyId: member.keyId, issuedAt, nonce, signature };
}

export const PASSWORD = 'correct horse battery staple';

export function newHandle(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** POST /api/members only: one command, one MemberRegistered. */
export function registerRequest(base: string, handle: string): Promise<Answer> {
  return http(base, 'POST', '/api/members', { email: `${handle}@example.org`, password: PASSWORD, handle });
}

/** Registers, logs in and registers a signing key, through the API like a client would. */
export async function registerMember(base: string, handle = newHandle('m')): Promise<ClientMember> {
  const email = `${handle}@example.org`;
  const registered = await expectStatus(registerRequest(base, handle), 201, `register ${handle}`);
  const memberId: string = registered.body.memberId;
  const login = await expectStatus(http(base, 'POST', '/api/auth/login', { email, password: PASSWORD }), 200, `login ${handle}`);
  const token: string = login.body.accessToken;
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const member: ClientMember = { memberId, handle, email, password: PASSWORD, token, keyId, publicKey, privateKey };
  await expectStatus(http(base, 'POST', '/api/members/me/keys', { publicKey, act: actFor(member, 'members.RegisterKey', { publicKey }) }, token), 201, `key of ${handle}`);
  return member;
}

/**
 * Makes the first steward as an operator does: `civic members bootstrap` when the build has it,
 * otherwise a short-lived second application (no HTTP, no runners) on the same database running
 * the same command through its CommandBus. Nothing is appended by hand.
 */
export async function bootstrapSteward(processes: AppProcesses, databaseUrl: string, member: ClientMember): Promise<'cli' | 'app'> {
  if (processes.cliHasBootstrap()) {
    const passwordFile = join(processes.dataDir, `password-${member.handle}`);
    writeFileSync(passwordFile, `${member.password}\n`, { mode: 0o600 });
    const result = processes.runCli(['members', 'bootstrap', '--email', member.email, '--handle', member.handle, '--password-file', passwordFile, '--json']);
    if (result.status !== 0) throw new Error(`civic members bootstrap failed (${result.status}): ${result.stdout}${result.stderr}`);
    return 'cli';
  }
  const config = loadConfig(appEnv(databaseUrl, processes.dataDir, { ROLE: 'api' }));
  const app = await createApp(config, { logger: false });
  await app.init();
  try {
    await app.get(CommandBus).execute(new BootstrapStewardRequest(member.memberId, metaAt('system', new Date())));
  } finally {
    await app.close();
  }
  return 'app';
}

export async function verifyMember(base: string, verifier: ClientMember, memberId: string): Promise<void> {
  await expectStatus(
    http(base, 'POST', `/api/members/${memberId}/verification`, { evidence: { method: 'in-person', description: 'met in person' }, act: actFor(verifier, 'members.VerifyMember', { memberId }) }, verifier.token),
    201,
    `verify ${memberId}`,
  );
}

/** Drafts, submits and opens a proposal that allows changing a vote; returns its id. */
export async function openProposal(base: string, author: ClientMember, closesAt: Date): Promise<string> {
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Repaint the hall', body: 'Green, with a white ceiling.', rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true } };
  await expectStatus(
    http(base, 'POST', '/api/proposals', { ...draft, act: actFor(author, 'governance.DraftProposal', draftProposalSignedFields(draft)) }, author.token),
    201,
    'draft',
  );
  await expectStatus(http(base, 'POST', `/api/proposals/${proposalId}/submission`, { act: actFor(author, 'governance.SubmitProposal', { proposalId }) }, author.token), 201, 'submit');
  const at = closesAt.toISOString();
  await expectStatus(
    http(base, 'POST', `/api/proposals/${proposalId}/open`, { closesAt: at, act: actFor(author, 'governance.OpenProposal', { proposalId, closesAt: at }) }, author.token),
    201,
    'open',
  );
  return proposalId;
}

/** Waits until GET /api/projections shows every projection running with lag 0. */
export async function waitCaughtUp(base: string, timeoutMs = 30_000): Promise<{ name: string; position: number; head: number }[]> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const answer = await http(base, 'GET', '/api/projections');
      last = answer.body;
      const items = (answer.body?.items ?? []) as { name: string; position: number; head: number; lag: number; status: string }[];
      if (answer.status === 200 && items.length > 0 && items.every((p) => p.lag === 0 && p.status === 'running')) return items;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`projections did not catch up in ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
