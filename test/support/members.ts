import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { BootstrapStewardRequest } from '../../src/commands/members/grant-role/bootstrap-steward.handler.js';
import { metaAt } from '../../src/commands/shared/command-meta.js';
import { keyIdOf, rawPublicKey, signAct } from '../../src/commands/shared/signed-act.js';
import type { TestApp } from './test-app.js';

export interface TestMember {
  memberId: string;
  handle: string;
  email: string;
  password: string;
  token: string;
  keyId: string;
  publicKey: string;
  privateKey: KeyObject;
}

/** The `act` part of a request body: what a client (the web app, `civic sign`) sends. */
export function actFor(t: TestApp, member: Pick<TestMember, 'memberId' | 'keyId' | 'privateKey'>, command: string, fields: Record<string, unknown>) {
  const issuedAt = t.clock.now().toISOString();
  const nonce = randomUUID();
  const { signature } = signAct({ command, actor: member.memberId, keyId: member.keyId, issuedAt, nonce, ...fields }, member.privateKey);
  return { keyId: member.keyId, issuedAt, nonce, signature };
}

let counter = 0;

/** Registers, logs in and registers a signing key, through the API like a client would. */
export async function registerMember(t: TestApp, handle = `member-${++counter}-${Date.now() % 100000}`): Promise<TestMember> {
  const email = `${handle}@example.org`;
  const password = 'correct horse battery staple';
  const registered = await request(t.server).post('/api/members').send({ email, password, handle }).expect(201);
  const memberId: string = registered.body.memberId;
  const login = await request(t.server).post('/api/auth/login').send({ email, password }).expect(200);
  const token: string = login.body.accessToken;
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const member = { memberId, handle, email, password, token, keyId, publicKey, privateKey };
  await request(t.server)
    .post('/api/members/me/keys')
    .set('Authorization', `Bearer ${token}`)
    .send({ publicKey, act: actFor(t, member, 'members.RegisterKey', { publicKey }) })
    .expect(201);
  return member;
}

/** The first steward, made as an operator does (CLI): steward and verifier roles, verified. */
export async function bootstrapSteward(t: TestApp, member: TestMember): Promise<void> {
  await t.app.get(CommandBus).execute(new BootstrapStewardRequest(member.memberId, metaAt('system', t.clock.now())));
}

export async function verifyMember(t: TestApp, verifier: TestMember, memberId: string): Promise<number> {
  const response = await request(t.server)
    .post(`/api/members/${memberId}/verification`)
    .set('Authorization', `Bearer ${verifier.token}`)
    .send({ evidence: { method: 'in-person', description: 'met in person' }, act: actFor(t, verifier, 'members.VerifyMember', { memberId }) })
    .expect(201);
  return response.body.position;
}

/** A steward plus `count` verified members. */
export async function community(t: TestApp, count: number): Promise<{ steward: TestMember; members: TestMember[] }> {
  const steward = await registerMember(t, `steward-${++counter}`);
  await bootstrapSteward(t, steward);
  const members: TestMember[] = [];
  for (let i = 0; i < count; i++) {
    const member = await registerMember(t);
    await verifyMember(t, steward, member.memberId);
    members.push(member);
  }
  return { steward, members };
}
