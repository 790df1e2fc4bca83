// Interoperability: the ledger's checkpoint, tiles and entry bundles verify with the Go
// checksum-database packages (golang.org/x/mod/sumdb/note and sumdb/tlog) and with Tessera's
// fsck, not only with our code. The first verifier is the small Go module in ./go-tlog, the second
// is built from its published module at a pinned version. Go is required (CI has it at /usr/local/go/bin).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { NoteSigner } from '../../src/ledger/note/note.js';
import { actFor, community, registerMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const moduleDir = join(dirname(fileURLToPath(import.meta.url)), 'go-tlog');
const goHome = join(tmpdir(), 'civic-go-interop');
const binary = join(goHome, `go-tlog-${process.pid}`);
const TESSERA = 'github.com/transparency-dev/tessera/cmd/fsck@v1.0.4';
const tesseraBin = join(goHome, 'bin');

/** `go` from PATH, else /usr/local/go/bin/go; undefined when neither exists. */
function findGo(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/local/go/bin']) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return undefined;
}

function run(file: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    ...extraEnv,
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GOPATH: join(goHome, 'gopath'),
    GOCACHE: join(goHome, 'gocache'),
  };
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === 1 && !stderr ? String(error) : '') });
    });
  });
}

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'interop.test/ledger' });
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(binary, { force: true });
  await t.close();
});

it('serves a checkpoint, tiles and entry bundles that golang.org/x/mod/sumdb/{note,tlog} verify', async () => {
  const go = findGo();
  if (!go) throw new Error('Go is required for this interoperability test: put `go` on PATH (or install it at /usr/local/go/bin)');
  mkdirSync(goHome, { recursive: true });
  // Built while the app takes events; the first build downloads golang.org/x/mod from the module proxy.
  const building = run(go, ['build', '-o', binary, '.'], moduleDir);

  const { steward } = await community(t, 3);
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Plant trees', body: 'Oaks.', rules: { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true } };
  const drafted = await request(t.server)
    .post('/api/proposals')
    .set({ Authorization: `Bearer ${steward.token}` })
    .send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) })
    .expect(201);
  // Past two full tiles (256 leaves each), so full and partial tiles, a level-1 tile and several
  // entry bundles are all read: filler events straight into the store, of a type nothing projects
  // (the integrator takes them in with the next event of a registered type: a member, below).
  const store = t.app.get<EventStore>(EVENT_STORE);
  const filler = Array.from({ length: 540 }, (_, i) => ({
    id: randomUUID(),
    type: 'interop.Filler',
    schemaVersion: 1,
    data: { i },
    meta: { actor: 'system', correlationId: 'interop', causationId: 'interop', occurredAt: new Date().toISOString() },
  }));
  const { positions } = await store.append(`interop-${randomUUID()}`, filler, 'any');
  await registerMember(t);
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const size = Number(rows[0]!.n);
  expect(size).toBeGreaterThan(Math.max(512, Number(drafted.body.position), ...positions));

  let info = await request(t.server).get('/api/ledger').expect(200);
  for (let i = 0; i < 300 && info.body.size < size; i++) {
    await new Promise((r) => setTimeout(r, 100));
    info = await request(t.server).get('/api/ledger').expect(200);
  }
  expect(info.body.size).toBeGreaterThanOrEqual(size);

  const built = await building;
  if (built.code !== 0) throw new Error(`go build of ${moduleDir} failed (${built.code}):\n${built.stderr}`);
  const verified = await run(binary, [base, info.body.verifierKey], moduleDir);
  if (verified.code !== 0) throw new Error(`the Go verifier rejected the ledger (exit ${verified.code}):\n${verified.stderr}${verified.stdout}`);
  expect(verified.stdout).toMatch(/^go-tlog: OK origin="interop\.test\/ledger" size=(\d+) /);
  expect(Number(/ size=(\d+) /.exec(verified.stdout)![1])).toBeGreaterThanOrEqual(size);

  // And it is a verifier: another key of the same name is refused.
  const stranger = NoteSigner.generate('interop.test/ledger').verifier.toString();
  const refused = await run(binary, [base, stranger], moduleDir);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('checkpoint signature');
});

it("passes Tessera's fsck, which re-hashes every entry bundle into the tiles and the signed root, and fails it once a stored bundle is altered", async () => {
  const go = findGo();
  if (!go) throw new Error('Go is required for this interoperability test: put `go` on PATH (or install it at /usr/local/go/bin)');
  mkdirSync(goHome, { recursive: true });
  const installing = run(go, ['install', TESSERA], moduleDir, { GOBIN: tesseraBin, GOFLAGS: '' });

  // More than one full tile, so full and partial tiles and bundles are all checked.
  const store = t.app.get<EventStore>(EVENT_STORE);
  const filler = Array.from({ length: 300 }, (_, i) => ({
    id: randomUUID(),
    type: 'interop.Filler',
    schemaVersion: 1,
    data: { i },
    meta: { actor: 'system', correlationId: 'interop', causationId: 'interop', occurredAt: new Date().toISOString() },
  }));
  await store.append(`interop-${randomUUID()}`, filler, 'any');
  await registerMember(t);
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const size = Number(rows[0]!.n);
  let info = await request(t.server).get('/api/ledger').expect(200);
  for (let i = 0; i < 300 && info.body.size < size; i++) {
    await new Promise((r) => setTimeout(r, 100));
    info = await request(t.server).get('/api/ledger').expect(200);
  }
  expect(info.body.size).toBeGreaterThan(256);

  const installed = await installing;
  if (installed.code !== 0) throw new Error(`go install ${TESSERA} failed (${installed.code}):\n${installed.stderr}`);
  const keyFile = join(goHome, `verifier-${process.pid}.pub`);
  writeFileSync(keyFile, info.body.verifierKey);
  const fsck = (): Promise<{ code: number; stdout: string; stderr: string }> =>
    run(join(tesseraBin, 'fsck'), [`--storage_url=${base}/ledger/`, `--public_key=${keyFile}`, '--ui=false', '--logtostderr', '--qps=0', '--N=4'], moduleDir);

  // fsck v1.0.4 logs a failure and still exits 0: its verdict is read from its log as well.
  const passed = await fsck();
  if (passed.code !== 0 || !passed.stderr.includes(`Successfully fsck'd log with size ${info.body.size}`)) {
    throw new Error(`Tessera's fsck rejected the ledger (exit ${passed.code}):\n${passed.stderr}${passed.stdout}`);
  }

  // One byte of one stored entry changes: the tiles no longer match the entries, and fsck says so.
  await t.db.pool.query(`UPDATE event_store.events SET entry = overlay(entry PLACING '\\xff'::bytea FROM 10 FOR 1) WHERE position = 0`);
  const failed = await fsck();
  rmSync(keyFile, { force: true });
  expect(failed.stderr).toContain('fsck failed');
  expect(failed.stderr).toContain('tile/0/000');
  expect(failed.stderr).not.toContain('Successfully');
  // The first run of `go install` on a fresh machine downloads and compiles Tessera.
}, 400_000);
