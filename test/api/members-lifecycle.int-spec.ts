import { createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CommandBus } from '@nestjs/cqrs';
import request, { type Response } from 'supertest';
import { LiftSuspension } from '../../src/commands/members/lift-suspension/lift-suspension.command.js';
import { SuspendMember } from '../../src/commands/members/suspend-member/suspend-member.command.js';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { postCommentSignedFields } from '../../src/commands/governance/post-comment/post-comment.handler.js';
import { metaAt } from '../../src/commands/shared/command-meta.js';
import { canonicalBytes } from '../../src/events/canonical.js';
import { audit } from '../../src/ledger/audit/auditor.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { actFor, bootstrapSteward, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, auth, draft, expectProblem, newKey, open, settle, vote, writes } from './api-helpers.js';

let t: TestApp;
let url: string;
let steward: TestMember;

beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'members.test/ledger' });
  await t.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  steward = await registerMember(t, 'steward-lifecycle');
  await bootstrapSteward(t, steward);
});
afterAll(async () => {
  await t.close();
});

const EVIDENCE = { method: 'document', description: 'passport checked at the March assembly, number ends 4711' };

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}
const eventCount = () => count('SELECT count(*) AS n FROM event_store.events');

async function memberEvents(memberId: string, type: string): Promise<{ data: Record<string, unknown>; schema_version: number; act: unknown }[]> {
  const { rows } = await t.db.pool.query('SELECT data, schema_version, act FROM event_store.events WHERE stream = $1 AND type = $2 ORDER BY position', [`member-${memberId}`, type]);
  return rows;
}

function verify(verifier: TestMember, memberId: string, body: Record<string, unknown> = { evidence: EVIDENCE }) {
  return request(t.server)
    .post(`/api/members/${memberId}/verification`)
    .set(auth(verifier))
    .send({ ...body, act: actFor(t, verifier, 'members.VerifyMember', { memberId }) });
}

async function verifiedMember(): Promise<TestMember> {
  const member = await registerMember(t);
  await verify(steward, member.memberId).expect(201);
  return member;
}

/** A signed act any verified member may make: drafting a proposal. */
function draftAs(member: Pick<TestMember, 'memberId' | 'keyId' | 'privateKey' | 'token'>): Promise<Response> {
  const body = { proposalId: randomUUID(), title: 'Benches for the square', body: 'Let us.', rules: { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true } };
  return request(t.server)
    .post('/api/proposals')
    .set(auth(member))
    .send({ ...body, act: actFor(t, member, 'governance.DraftProposal', draftProposalSignedFields(body)) });
}

/** The parts of a rotation request: the act signed by `signer`, and the new key's signature over the same command. */
function rotationBody(signer: Pick<TestMember, 'memberId' | 'keyId' | 'privateKey'>, command: string, fields: Record<string, unknown>, newPrivateKey: KeyObject): Record<string, unknown> {
  const signed = act(t, signer, command, fields);
  const possession = sign(
    null,
    canonicalBytes({ command, actor: signer.memberId, keyId: signed.keyId, issuedAt: signed.issuedAt, nonce: signed.nonce, ...fields }),
    newPrivateKey,
  ).toString('base64url');
  return { ...fields, possession, act: signed };
}

function rotate(member: TestMember, next = newKey()) {
  return {
    next,
    send: () =>
      request(t.server)
        .post('/api/members/me/key-rotations')
        .set(auth(member))
        .send(rotationBody(member, 'members.RotateKey', { publicKey: next.publicKey }, next.privateKey)),
  };
}

describe('verification with a salted commitment to the evidence', () => {
  it('puts only the method and the commitment on the log; the member alone fetches evidence and salt and recomputes it', async () => {
    const ada = await registerMember(t);
    const response = await verify(steward, ada.memberId).expect(201);
    expect(response.body.position).toEqual(expect.any(Number));

    const [event] = await memberEvents(ada.memberId, 'members.MemberVerified');
    expect(event!.schema_version).toBe(2);
    expect(event!.data).toEqual({ memberId: ada.memberId, verifierId: steward.memberId, evidence: { kind: 'committed', method: 'document', commitment: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(event)).not.toContain('passport');

    const mine = await request(t.server).get('/api/members/me/verification-evidence').set(auth(ada)).expect(200);
    expect(mine.body.items).toEqual([
      { verifierId: steward.memberId, method: 'document', description: EVIDENCE.description, salt: expect.stringMatching(/^[0-9a-f]{64}$/), commitment: (event!.data.evidence as { commitment: string }).commitment, recordedAt: expect.any(String) },
    ]);
    // salt || RFC 8785 JSON of { description, method } (keys sorted; plain ASCII needs no escaping beyond JSON.stringify).
    const { salt, description, method } = mine.body.items[0];
    const recomputed = createHash('sha256')
      .update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(JSON.stringify({ description, method }), 'utf8')]))
      .digest('hex');
    expect(recomputed).toBe((event!.data.evidence as { commitment: string }).commitment);

    // Somebody else, even the verifier, sees only their own (none here).
    expect((await request(t.server).get('/api/members/me/verification-evidence').set(auth(steward)).expect(200)).body.items).toEqual([]);
    await request(t.server).get('/api/members/me/verification-evidence').expect(401);
  });

  it.each([
    ['no evidence', {}, 'evidence'],
    ['an unknown method', { evidence: { ...EVIDENCE, method: 'rumour' } }, 'evidence.method'],
    ['an empty description', { evidence: { ...EVIDENCE, description: '' } }, 'evidence.description'],
    ['a description of 2001 characters', { evidence: { ...EVIDENCE, description: 'x'.repeat(2001) } }, 'evidence.description'],
    ['an unknown field', { evidence: { ...EVIDENCE, photo: 'base64...' } }, 'evidence.photo'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_label, body, field) => {
    const bob = await registerMember(t);
    const [events, evidence] = [await eventCount(), await count('SELECT count(*) AS n FROM identity.verification_evidence')];
    expectProblem(await verify(steward, bob.memberId, body), 400, 'validation', [field]);
    expect(await eventCount()).toBe(events);
    expect(await count('SELECT count(*) AS n FROM identity.verification_evidence')).toBe(evidence);
  });

  it('keeps no evidence for a verification that is refused', async () => {
    const cy = await registerMember(t);
    await verify(steward, cy.memberId).expect(201);
    expectProblem(await verify(steward, cy.memberId), 422, 'already-verified');
    expect(await count('SELECT count(*) AS n FROM identity.verification_evidence WHERE member_id = $1', [cy.memberId])).toBe(1);
  });
});

describe('key rotation', () => {
  it('with the old key: the new key acts, the old key is refused with 401 key-rotated', async () => {
    const dee = await verifiedMember();
    const { next, send } = rotate(dee);
    const rotated = await send().expect(201);
    expect(rotated.body).toEqual({ keyId: next.keyId, position: expect.any(Number) });
    const [event] = await memberEvents(dee.memberId, 'members.KeyRotated');
    expect(event!.data).toMatchObject({ memberId: dee.memberId, oldKeyId: dee.keyId, newKeyId: next.keyId, publicKey: next.publicKey, attestation: { kind: 'old-key' } });

    const old = await draftAs(dee);
    expectProblem(old, 401, 'key-rotated');
    expect(old.body.detail).toContain(next.keyId);
    await draftAs({ ...dee, ...next }).then((r) => expect(r.status).toBe(201));

    await settle(t);
    const member = await request(t.server).get(`/api/members/${dee.memberId}`).expect(200);
    expect(member.body.keys).toEqual([
      expect.objectContaining({ keyId: dee.keyId, rotatedFrom: null, retiredPosition: rotated.body.position, replacedBy: next.keyId }),
      expect.objectContaining({ keyId: next.keyId, rotatedFrom: dee.keyId, attestedBy: null, retiredPosition: null }),
    ]);
  });

  it('refuses a rotation whose new key did not sign (401 bad-possession) and writes nothing', async () => {
    const eve = await registerMember(t);
    const next = newKey();
    const impostor = newKey();
    const events = await eventCount();
    const response = await request(t.server)
      .post('/api/members/me/key-rotations')
      .set(auth(eve))
      .send(rotationBody(eve, 'members.RotateKey', { publicKey: next.publicKey }, impostor.privateKey));
    expectProblem(response, 401, 'bad-possession');
    expect(await eventCount()).toBe(events);
  });

  it.each([
    ['a malformed public key', (b: Record<string, unknown>) => ({ ...b, publicKey: 'abc' }), 'publicKey'],
    ['no possession', ({ possession: _p, ...b }: Record<string, unknown>) => b, 'possession'],
    ['no act', ({ act: _a, ...b }: Record<string, unknown>) => b, 'act'],
  ])('refuses %s with 400 naming the field', async (_label, edit, field) => {
    const fay = await registerMember(t);
    const next = newKey();
    const body = edit(rotationBody(fay, 'members.RotateKey', { publicKey: next.publicKey }, next.privateKey));
    const events = await eventCount();
    expectProblem(await request(t.server).post('/api/members/me/key-rotations').set(auth(fay)).send(body), 400, 'validation', [field]);
    expect(await eventCount()).toBe(events);
  });

  it('attested by a verifier when the old key is lost; a non-verifier cannot attest', async () => {
    const gus = await verifiedMember();
    const other = await registerMember(t);
    const next = newKey();
    const fields = { memberId: gus.memberId, oldKeyId: gus.keyId, publicKey: next.publicKey };
    const path = `/api/members/${gus.memberId}/attested-key-rotations`;
    const { memberId: _m, ...body } = rotationBody(other, 'members.AttestKeyRotation', fields, next.privateKey);
    expectProblem(await request(t.server).post(path).set(auth(other)).send(body), 403, 'not-a-verifier');

    const { memberId: _n, ...attested } = rotationBody(steward, 'members.AttestKeyRotation', fields, next.privateKey);
    await request(t.server).post(path).set(auth(steward)).send(attested).expect(201);
    const [event] = await memberEvents(gus.memberId, 'members.KeyRotated');
    expect(event!.data).toMatchObject({ oldKeyId: gus.keyId, newKeyId: next.keyId, attestation: { kind: 'verifier', verifierId: steward.memberId } });
    expectProblem(await draftAs(gus), 401, 'key-rotated');
    expect((await draftAs({ ...gus, ...next })).status).toBe(201);

    expectProblem(await request(t.server).post(`/api/members/not-a-uuid/attested-key-rotations`).set(auth(steward)).send(attested), 400, 'validation', ['memberId']);
  });
});

describe('suspension', () => {
  const suspend = (memberId: string, actionId: string, until: Date) =>
    t.app.get(CommandBus).execute(new SuspendMember(memberId, until.toISOString(), actionId, 'repeated spam', metaAt('system', t.clock.now())));

  it('refuses every act with 403 member-suspended naming the end, once per action id, until it ends', async () => {
    const hal = await verifiedMember();
    const until = new Date(t.clock.now().getTime() + 7 * 24 * 3600_000);
    await suspend(hal.memberId, 'action-1', until);
    const again = await suspend(hal.memberId, 'action-1', until);
    expect(again.positions).toEqual([]);
    expect(await memberEvents(hal.memberId, 'members.MemberSuspended')).toHaveLength(1);

    const refused = await draftAs(hal);
    expectProblem(refused, 403, 'member-suspended');
    expect(refused.body.detail).toContain(until.toISOString());
    expectProblem(await rotate(hal).send(), 403, 'member-suspended');
    const fresh = newKey();
    const keyAttempt = await request(t.server)
      .post('/api/members/me/keys')
      .set(auth(hal))
      .send({ publicKey: fresh.publicKey, act: actFor(t, { memberId: hal.memberId, ...fresh }, 'members.RegisterKey', { publicKey: fresh.publicKey }) });
    expectProblem(keyAttempt, 403, 'member-suspended');

    await settle(t);
    const shown = await request(t.server).get(`/api/members/${hal.memberId}`).expect(200);
    expect(shown.body.status).toEqual({ kind: 'suspended', until: until.toISOString(), reason: 'repeated spam' });

    t.clock.advance(7 * 24 * 3600_000);
    expect((await draftAs(hal)).status).toBe(201);
    expect((await request(t.server).get(`/api/members/${hal.memberId}`).expect(200)).body.status).toEqual({ kind: 'verified' });
  });

  it('refuses a suspended member’s vote, delegation and comment alike, and writes nothing', async () => {
    const kim = await verifiedMember();
    const lee = await verifiedMember();
    const proposalId = await draft(t, steward);
    await open(t, steward, proposalId);
    await suspend(kim.memberId, 'action-4', new Date(t.clock.now().getTime() + 3600_000));
    await settle(t);
    const before = await writes(t);
    expectProblem(await vote(t, kim, proposalId, 'yes'), 403, 'member-suspended');
    const delegation = { delegateId: lee.memberId, topic: null };
    expectProblem(
      await request(t.server).post('/api/delegations').set(auth(kim)).send({ ...delegation, act: actFor(t, kim, 'governance.DelegateVote', delegation) }),
      403,
      'member-suspended',
    );
    const comment = { commentId: randomUUID(), parentId: null, body: 'Still here.' };
    const signed = postCommentSignedFields({ proposalId, ...comment });
    expectProblem(
      await request(t.server).post(`/api/proposals/${proposalId}/comments`).set(auth(kim)).send({ ...comment, act: actFor(t, kim, 'governance.PostComment', signed) }),
      403,
      'member-suspended',
    );
    expect(await writes(t)).toEqual(before);
    // Others act as usual.
    expect((await vote(t, lee, proposalId, 'yes')).status).toBe(201);
  });

  it('lets the member act again once the suspension is lifted, once per action id', async () => {
    const ida = await verifiedMember();
    await suspend(ida.memberId, 'action-2', new Date(t.clock.now().getTime() + 3600_000));
    expectProblem(await draftAs(ida), 403, 'member-suspended');
    const bus = t.app.get(CommandBus);
    await bus.execute(new LiftSuspension(ida.memberId, 'action-3', metaAt('system', t.clock.now())));
    expect((await bus.execute(new LiftSuspension(ida.memberId, 'action-3', metaAt('system', t.clock.now())))).positions).toEqual([]);
    expect((await draftAs(ida)).status).toBe(201);
  });
});

describe('leaving', () => {
  it('erases the private data, keeps the handle and the log, and the ledger audit still passes', async () => {
    const jo = await registerMember(t);
    await verify(steward, jo.memberId).expect(201);
    expect((await draftAs(jo)).status).toBe(201);
    const { next, send } = rotate(jo);
    await send().expect(201);
    const rejoined = { ...jo, ...next };
    expect((await draftAs(rejoined)).status).toBe(201);
    const eventsBefore = await t.db.pool.query('SELECT position, data, act FROM event_store.events ORDER BY position');

    const left = await request(t.server).post('/api/members/me/leave').set(auth(jo)).send({ act: actFor(t, rejoined, 'members.Leave', {}) });
    expect(left.status).toBe(201);
    expect(await memberEvents(jo.memberId, 'members.MemberLeft')).toEqual([expect.objectContaining({ data: { memberId: jo.memberId } })]);

    // Private rows gone, nothing rewritten on the log.
    expect(await count('SELECT count(*) AS n FROM identity.accounts WHERE member_id = $1', [jo.memberId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM identity.verification_evidence WHERE member_id = $1', [jo.memberId])).toBe(0);
    const eventsAfter = await t.db.pool.query('SELECT position, data, act FROM event_store.events ORDER BY position');
    expect(eventsAfter.rows.slice(0, eventsBefore.rows.length)).toEqual(eventsBefore.rows);

    // No more login, no more acts; the public handle stays, shown as left.
    expectProblem(await request(t.server).post('/api/auth/login').send({ email: jo.email, password: jo.password }), 401, 'bad-credentials');
    expectProblem(await draftAs(rejoined), 401, 'member-left');
    // Nor can the still-valid access token bring a new key in.
    const fresh = newKey();
    const keyAttempt = await request(t.server)
      .post('/api/members/me/keys')
      .set(auth(jo))
      .send({ publicKey: fresh.publicKey, act: actFor(t, { memberId: jo.memberId, ...fresh }, 'members.RegisterKey', { publicKey: fresh.publicKey }) });
    expectProblem(keyAttempt, 401, 'member-left');
    // Sent again (a retry after a crash before the erasure): nothing appended, nothing left to erase.
    const again = await request(t.server).post('/api/members/me/leave').set(auth(jo)).send({ act: actFor(t, rejoined, 'members.Leave', {}) });
    expect(again.status).toBe(201);
    expect(again.body.positions).toEqual([]);
    expect(await memberEvents(jo.memberId, 'members.MemberLeft')).toHaveLength(1);
    await settle(t);
    const shown = await request(t.server).get(`/api/members/${jo.memberId}`).expect(200);
    expect(shown.body).toMatchObject({ handle: jo.handle, roles: [], status: { kind: 'left', atPosition: left.body.position } });

    // The whole log, including acts signed before the rotation and the leave, still audits.
    await waitForLedger();
    const verifierKey = NoteSigner.parse(t.config.ledgerKey).verifier.toString();
    const report = await audit({ url, verifier: NoteVerifier.parse(verifierKey) });
    expect(report.size).toBe(await eventCount());
    expect(report.actsChecked).toBeGreaterThan(5);
  });

  it('refuses a leave without an act (400 naming act) and writes nothing', async () => {
    const kai = await registerMember(t);
    const events = await eventCount();
    expectProblem(await request(t.server).post('/api/members/me/leave').set(auth(kai)).send({}), 400, 'validation', ['act']);
    expect(await eventCount()).toBe(events);
    expect(await count('SELECT count(*) AS n FROM identity.accounts WHERE member_id = $1', [kai.memberId])).toBe(1);
  });
});

async function waitForLedger(): Promise<void> {
  const size = await eventCount();
  for (let i = 0; i < 200; i++) {
    const { rows } = await t.db.pool.query<{ size: string }>('SELECT max(size) AS size FROM ledger.checkpoints');
    if (Number(rows[0]?.size ?? 0) >= size) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the ledger did not catch up');
}
