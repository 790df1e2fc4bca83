// The audit recounts every election from its ballots on the log with the server's own counting
// code, and compares the count with the ElectionClosed event and with the elections the decision
// log publishes: an altered entry, or a close its ballots do not give, is named by its log index.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { schemaVersionOf } from '../../src/events/registry.js';
import { countElection } from '../../src/governance/counting/index.js';
import { audit, type AuditMismatch } from '../../src/ledger/audit/auditor.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { actFor } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let url: string;
let verifier: NoteVerifier;

beforeAll(async () => {
  // The demo community holds a closed STV election with a surplus, an elimination and a tie-break.
  t = await startTestApp({ DEMO_SEED: 'true', LEDGER_ORIGIN: 'elections.test/ledger', CLOSER_INTERVAL_MS: '3600000' });
  await t.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  verifier = NoteVerifier.parse(NoteSigner.parse(t.config.ledgerKey).verifier.toString());
});
afterAll(async () => {
  await t.close();
});

async function integrated(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const size = Number(rows[0]!.n);
  for (let i = 0; i < 200; i++) {
    // The ledger's tables appear once its integrator has started.
    const cp = await t.db.pool.query<{ size: string }>('SELECT max(size) AS size FROM ledger.checkpoints').catch(() => ({ rows: [] as { size: string }[] }));
    if (Number(cp.rows[0]?.size ?? 0) >= size) return size;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the ledger did not catch up');
}

it('recounts the demo election and finds its decision-log entry faithful; then names the close whose published rounds were altered', async () => {
  await integrated();
  const [entry] = (await request(t.server).get('/api/decision-log/elections').expect(200)).body.items as { electionId: string; closedPosition: number; rounds: { elected: string[] }[] }[];
  expect(entry!.rounds.length).toBeGreaterThan(1);

  const report = await audit({ url, verifier });
  expect(report).toMatchObject({ electionsRecomputed: 1, decisionLogCompared: true });

  const { rows: saved } = await t.db.pool.query('SELECT * FROM read_models.decision_log_elections WHERE election_id = $1', [entry!.electionId]);
  // The read model says nobody was elected in the last round; event closedPosition says otherwise.
  const last = entry!.rounds.length - 1;
  await t.db.pool.query(`UPDATE read_models.decision_log_elections SET rounds = jsonb_set(rounds, $2::text[], '[]') WHERE election_id = $1`, [entry!.electionId, [String(last), 'elected']]);
  const found = await audit({ url, verifier }).catch((e: AuditMismatch) => e);
  expect(found).toMatchObject({ name: 'AuditMismatch', index: entry!.closedPosition });
  expect((found as Error).message).toContain(`election ${entry!.electionId} differs from event ${entry!.closedPosition} at round ${last + 1}`);

  // A published winner swapped is named the same way.
  await t.db.pool.query(`UPDATE read_models.decision_log_elections SET rounds = $2::jsonb, elected = '[]' WHERE election_id = $1`, [entry!.electionId, JSON.stringify(entry!.rounds)]);
  const swapped = await audit({ url, verifier }).catch((e: AuditMismatch) => e);
  expect(swapped).toMatchObject({ name: 'AuditMismatch', index: entry!.closedPosition });
  expect((swapped as Error).message).toContain('elects nobody');

  // Dropped from the read model: the close the log made is not published.
  await t.db.pool.query('DELETE FROM read_models.decision_log_elections WHERE election_id = $1', [entry!.electionId]);
  const dropped = await audit({ url, verifier }).catch((e: AuditMismatch) => e);
  expect(dropped).toMatchObject({ name: 'AuditMismatch', index: entry!.closedPosition });
  expect((dropped as Error).message).toContain('which the decision log does not publish');

  const columns = Object.keys(saved[0]);
  await t.db.pool.query(
    `INSERT INTO read_models.decision_log_elections (${columns.join(', ')}) SELECT ${columns.map((_, i) => `$${i + 1}`).join(', ')}`,
    columns.map((c) => (['candidates', 'elected', 'rounds', 'tie_break_rules'].includes(c) ? JSON.stringify(saved[0][c]) : saved[0][c])),
  );
  await expect(audit({ url, verifier })).resolves.toMatchObject({ electionsRecomputed: 1 });
});

it('names the index of an election close the server recorded with winners its ballots do not give, although the close is well signed into the ledger', async () => {
  const { rows: members } = await t.db.pool.query<{ member_id: string; handle: string }>(`SELECT member_id, handle FROM read_models.members`);
  const steward = members.find((m) => m.handle === 'asha');
  expect(steward).toBeDefined();
  const store = t.app.get<EventStore>(EVENT_STORE);
  const electionId = randomUUID();
  const [a, b] = members.filter((m) => m !== steward).map((m) => m.member_id).sort();
  const now = t.clock.now().getTime();
  const stream = `election-${electionId}`;
  const event = (type: string, data: unknown) => ({
    id: randomUUID(),
    type,
    schemaVersion: schemaVersionOf(type),
    data,
    meta: { actor: 'system', correlationId: electionId, causationId: electionId, occurredAt: t.clock.now().toISOString() },
  });
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  // The server appends an election with one ballot for a, and then a close that elects b.
  await store.append(
    stream,
    [
      event('governance.ElectionCalled', {
        electionId,
        calledBy: steward!.member_id,
        title: 'Forged',
        role: null,
        seats: 1,
        method: 'irv',
        nominationsCloseAt: new Date(now + 60_000).toISOString(),
        closesAt: new Date(now + 120_000).toISOString(),
        electorate: { asOfPosition: Number(rows[0]!.n) - 1, size: 9 },
      }),
      event('governance.CandidacyDeclared', { electionId, candidateId: a, statement: '' }),
      event('governance.CandidacyDeclared', { electionId, candidateId: b, statement: '' }),
      event('governance.BallotCast', { electionId, voterId: a, choices: [a], replacesEarlier: false }),
    ],
    'any',
  );
  t.clock.advance(120_000);
  const honest = countElection({ electionId, method: 'irv', seats: 1, candidates: [a!, b!], ballots: [[a!]] });
  expect(honest.winners).toEqual([a]);
  const { positions } = await store.append(
    stream,
    [event('governance.ElectionClosed', { electionId, role: null, seats: 1, method: 'irv', candidates: [a, b], winners: [b], rounds: honest.rounds, ballotsCounted: 1, electorateSize: 9, quota: null })],
    'any',
  );
  await integrated();
  const found = await audit({ url, verifier, checkEvents: false }).catch((e: AuditMismatch) => e);
  expect(found).toMatchObject({ name: 'AuditMismatch', index: positions[0] });
  expect((found as Error).message).toContain(`elects ${b}, but the recount of its ballots on the log elects ${a}`);
});
