import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { signAct } from '../../src/commands/shared/signed-act.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AuditMismatch, audit, readAuditState } from '../../src/ledger/audit/auditor.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { entriesPath } from '../../src/ledger/tiles/tiles.js';
import { civic, tempDir } from '../cli/support/civic.js';
import { community, registerMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let url: string;
let verifierKey: string;
const dir = tempDir('civic-audit-');

beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'audit.test/ledger' });
  await t.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  verifierKey = NoteSigner.parse(t.config.ledgerKey).verifier.toString();
});
afterAll(async () => {
  await t.close();
});

async function head(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  return Number(rows[0]!.n);
}

async function integrated(): Promise<number> {
  const size = await head();
  for (let i = 0; i < 200; i++) {
    const { rows } = await t.db.pool.query<{ size: string }>('SELECT max(size) AS size FROM ledger.checkpoints');
    if (Number(rows[0]?.size ?? 0) >= size) return size;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the ledger did not catch up');
}

it('the CLI prints the verifier key, audits, and catches a rewritten history and a forged checkpoint across runs', async () => {
  await community(t, 2);
  const size = await integrated();
  const env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir };

  const key = await civic(['ledger', 'key'], env);
  expect(key).toMatchObject({ code: 0, stderr: '' });
  expect(key.stdout.trim()).toBe(verifierKey);

  const state = join(dir, 'state.json');
  const first = await civic(['audit', url, '--key', verifierKey, '--state', state, '--json'], env);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const report = JSON.parse(first.stdout);
  expect(report).toMatchObject({ ok: true, origin: 'audit.test/ledger', size, eventsChecked: size, previousSize: null });
  expect(report.actsChecked).toBeGreaterThan(0);
  expect(readAuditState(state)?.size).toBe(size);

  // More events: the next run checks the new tree extends the one seen last time.
  await registerMember(t);
  const grown = await integrated();
  const second = await audit({ url, verifier: NoteVerifier.parse(verifierKey), stateFile: state });
  expect(second).toMatchObject({ size: grown, previousSize: size });

  // A state file remembering another root at that size: the history was rewritten since.
  const forgedState = join(dir, 'forged-state.json');
  writeFileSync(forgedState, JSON.stringify({ ...readAuditState(state)!, size: 3, root: Buffer.alloc(32, 1).toString('base64') }));
  await expect(audit({ url, verifier: NoteVerifier.parse(verifierKey), stateFile: forgedState })).rejects.toThrow(expect.objectContaining({ index: 2 }));

  // A checkpoint signed by another key (a forged one, or a key swap) is rejected.
  const impostor = NoteSigner.generate('audit.test/ledger').verifier.toString();
  const forged = await civic(['audit', url, '--key', impostor, '--state', join(dir, 'other.json')], env);
  expect(forged.code).toBe(1);
  expect(forged.stderr).toContain('does not verify');
  expect((await civic(['audit', url, '--key', 'not-a-key'], env)).code).toBe(2);
});

it('exports the ledger to a folder that audits offline, and names the index of a changed entry in it', async () => {
  await integrated();
  const env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir };
  const out = join(dir, 'export');
  const exported = await civic(['ledger', 'export', url, '--out', out, '--json'], env);
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  const audited = await civic(['audit', '--file', out, '--key', verifierKey, '--state', join(dir, 'file-state.json'), '--json'], env);
  expect(audited.code).toBe(0);
  expect(JSON.parse(audited.stdout)).toMatchObject({ ok: true, size: JSON.parse(exported.stdout).size, eventsChecked: 0 });


  const size: number = JSON.parse(exported.stdout).size;
  const bundle = join(out, entriesPath(0, Math.min(size, 256)));
  const bytes = readFileSync(bundle);
  const second = 2 + bytes.readUInt16BE(0); // where entry 1 starts
  bytes[second + 10] ^= 1;
  writeFileSync(bundle, bytes);
  const tampered = await civic(['audit', '--file', out, '--key', verifierKey, '--state', join(dir, 'file-state2.json')], env);
  expect(tampered.code).toBe(1);
  expect(tampered.stderr).toContain('at index 1');
  expect((await civic(['audit', url, '--file', out, '--key', verifierKey], env)).code).toBe(2);
});

it('names the index of an event whose act was not signed by its actor (a vote forged by the server)', async () => {
  const before = await integrated();
  const member = await registerMember(t);
  const forger = generateKeyPairSync('ed25519').privateKey;
  const act = signAct({ command: 'governance.CastVote', actor: member.memberId, keyId: member.keyId, issuedAt: new Date().toISOString(), nonce: randomUUID(), proposalId: randomUUID(), choice: 'yes' }, forger);
  const store = t.app.get<EventStore>(EVENT_STORE);
  const { positions } = await store.append(`forged-${randomUUID()}`, [
    { id: randomUUID(), type: 'governance.VoteCast', schemaVersion: 1, data: { forged: true }, meta: { actor: member.memberId, correlationId: 'x', causationId: 'x', occurredAt: new Date().toISOString() }, act },
  ], 'any');
  await integrated();
  expect(positions[0]).toBeGreaterThanOrEqual(before);
  await expect(audit({ url, verifier: NoteVerifier.parse(verifierKey) })).rejects.toThrow(expect.objectContaining({ index: positions[0] }));
});

it('names the index of an event row changed, deleted or reordered in PostgreSQL', async () => {
  await integrated();
  const verifier = NoteVerifier.parse(verifierKey);
  const env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir };
  await t.db.pool.query(`UPDATE event_store.events SET data = jsonb_set(data, '{handle}', '"mallory"') WHERE position = 4`);
  const changed = await civic(['audit', url, '--key', verifierKey, '--state', join(dir, 'tamper.json')], env);
  expect(changed.code).toBe(1);
  expect(changed.stderr).toContain('at index 4');

  // Swap two rows' positions (reorder): the lower index is named.
  await t.db.pool.query('UPDATE event_store.events SET position = -1 WHERE position = 2');
  await t.db.pool.query('UPDATE event_store.events SET position = 2 WHERE position = 3');
  await t.db.pool.query('UPDATE event_store.events SET position = 3 WHERE position = -1');
  await expect(audit({ url, verifier })).rejects.toThrow(expect.objectContaining({ index: 2 }));

  await t.db.pool.query('DELETE FROM event_store.events WHERE position = 1');
  const deleted = await audit({ url, verifier }).catch((e: AuditMismatch) => e);
  expect(deleted).toBeInstanceOf(AuditMismatch);
  expect((deleted as AuditMismatch).index).toBe(1);
});
