import { generateKeyPairSync } from 'node:crypto';
import { jest } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '../../src/events/envelope.js';
import type { VoteChoice } from '../../src/events/governance/proposal-events.js';
import { validateEvent, schemaVersionOf } from '../../src/events/registry.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { keyIdOf, rawPublicKey } from '../../src/commands/shared/signed-act.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { readCheckpoints, resetProjection } from '../../src/projections/checkpoints.js';
import { READ_MODEL_TABLES, snapshotTables, waitUntil } from '../projections-runner/support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { AppProcesses, type AppProcess } from './support/app-process.js';
import { newHandle, registerMember, waitCaughtUp } from './support/community.js';
import { expectLogWellFormed, expectSameAsCleanRebuild, expectVotesCountedOnce } from './support/consistency.js';

/**
 * The other crash: the app is down while many events are appended (another process wrote them),
 * it starts and its projections catch up in big batches, and it is SIGKILLed in the middle of that,
 * twice. After the last restart the read models must equal a clean rebuild of the log.
 */

jest.setTimeout(90_000);

let db: TestDatabase;
let store: PostgresEventStore;
let processes: AppProcesses;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.pool, db.url);
  processes = new AppProcesses(db.url);
});

afterAll(async () => {
  await processes?.killAll();
  await store?.close();
  await db?.drop();
});

/** One append call: events of one stream, atomic together. */
interface Append {
  stream: string;
  events: NewEvent[];
}

function event(type: string, data: unknown, actor: string): NewEvent {
  const problems = validateEvent(type, data);
  if (problems.length > 0) throw new Error(`${type}: ${problems.join('; ')}`);
  const id = uuidv7();
  return { id, type, schemaVersion: schemaVersionOf(type), data, meta: { actor, correlationId: id, causationId: id, occurredAt: new Date().toISOString() } };
}

/**
 * A burst of valid events: `members` members registered, keyed and verified (one append each), then
 * a proposal with `votes` votes among them (changed votes carry their previous choice, as the
 * decider writes them), appended in order in calls of 1,000.
 */
function burst(verifierId: string, members: number, votes: number): { members: Append[]; proposal: Append[] } {
  const out: Append[] = [];
  const ids: string[] = [];
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  for (let i = 0; i < members; i++) {
    const memberId = uuidv7();
    ids.push(memberId);
    out.push({
      stream: `member-${memberId}`,
      events: [
        event('members.MemberRegistered', { memberId, handle: newHandle('bulk') }, memberId),
        // One key shared by all: a key id only has to be unique per member on the log.
        event('members.KeyRegistered', { memberId, keyId: keyIdOf(publicKey), publicKey }, memberId),
        event('members.MemberVerified', { memberId, verifierId, evidence: { kind: 'none' } }, verifierId),
      ],
    });
  }
  const proposalId = uuidv7();
  const stream = `proposal-${proposalId}`;
  const rules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
  const proposal: NewEvent[] = [
    event('governance.ProposalDrafted', { proposalId, authorId: verifierId, title: 'Bulk', body: 'Many votes.', rules, motion: { kind: 'general' }, topic: null }, verifierId),
    event('governance.ProposalOpened', { proposalId, openedBy: verifierId, closesAt: new Date(Date.now() + 3600_000).toISOString(), rules, electorate: { asOfPosition: 0, size: members } }, verifierId),
  ];
  const current = new Map<string, VoteChoice>();
  const choices: VoteChoice[] = ['yes', 'no', 'abstain'];
  for (let v = 0; v < votes; v++) {
    const voterId = ids[(v * 7919) % ids.length]!;
    const previousChoice = current.get(voterId) ?? null;
    const choice = choices[(choices.indexOf(previousChoice ?? 'abstain') + 1 + (v % 2)) % 3]!;
    current.set(voterId, choice);
    proposal.push(event('governance.VoteCast', { proposalId, voterId, choice, previousChoice }, voterId));
  }
  const calls: Append[] = [];
  for (let i = 0; i < proposal.length; i += 1000) calls.push({ stream, events: proposal.slice(i, i + 1000) });
  return { members: out, proposal: calls };
}

/**
 * Appends through the store's port: the members many calls at a time (group commits), then the
 * proposal's calls one after the other, so that its votes keep their order on the log.
 */
async function appendBurst({ members, proposal }: { members: Append[]; proposal: Append[] }): Promise<void> {
  for (let i = 0; i < members.length; i += 500) {
    await Promise.all(members.slice(i, i + 500).map((a) => store.append(a.stream, a.events, 'any')));
  }
  for (const call of proposal) await store.append(call.stream, call.events, 'any');
}

const positions = async () => Object.fromEntries((await readCheckpoints(db.pool)).map((c) => [c.name, c.position]));

/**
 * Starts the app and SIGKILLs it as soon as a projection has committed past `from`, while at least
 * one has not reached `head`. Returns the checkpoints the dead process left.
 */
async function startAndKillMidCatchUp(from: Record<string, number>, head: number): Promise<Record<string, number>> {
  const app: AppProcess = await processes.start({}, { waitHealthy: false });
  const seen = await waitUntil(
    'a projection to commit a batch of the catch-up',
    async () => {
      const now = await positions();
      return ALL_PROJECTIONS.some((p) => (now[p.name] ?? 0) > (from[p.name] ?? 0)) ? now : undefined;
    },
    30_000,
    5,
  );
  app.child.kill('SIGKILL');
  const exit = await app.exited;
  expect(exit.signal).toBe('SIGKILL');
  const left = await positions();
  processes.note(`killed during catch-up: seen ${JSON.stringify(seen)}, left ${JSON.stringify(left)}, head ${head}`);
  // Killed mid-way: a projection was still behind the head.
  expect(ALL_PROJECTIONS.some((p) => left[p.name]! < head)).toBe(true);
  return left;
}

it('a SIGKILL while the projections catch up leaves read models equal to a clean rebuild', () =>
  processes.printLogOnFailure(async () => {
    // A first member through the API, then the app stops.
    let app = await processes.start();
    const first = await registerMember(app.url, newHandle('first'));
    await waitCaughtUp(app.url);
    await app.kill('SIGTERM');
    const before = await positions();
    const start = await store.headPosition();
    // Only the read-model projections: other runners (the ledger integrator) keep checkpoints beside them.
    expect(ALL_PROJECTIONS.map((p) => before[p.name])).toEqual(ALL_PROJECTIONS.map(() => start));

    // Written while the app is down: ~20,000 events to catch up on.
    processes.note('appending the burst');
    await appendBurst(burst(first.memberId, 2500, 12_000));
    processes.note('burst appended');
    const head = await store.headPosition();
    expect(head - start).toBeGreaterThan(19_000);

    // Killed twice during the catch-up, each time after some batches committed.
    const left = await startAndKillMidCatchUp(before, head);
    await startAndKillMidCatchUp(left, head);

    // The last start catches up; everything agrees.
    app = await processes.start();
    const items = await waitCaughtUp(app.url, 60_000);
    expect(items.map((p) => p.position)).toEqual(items.map(() => head));
    await expectLogWellFormed(db.pool, store);
    const { votes } = await expectVotesCountedOnce(db.pool);
    expect(votes).toBe(12_000);
    processes.note('caught up and checked; clean rebuild');
    const live = await expectSameAsCleanRebuild(db.pool, store);
    processes.note('clean rebuild compared; reset');

    // And the operator's rebuild (reset and replay) in the running app gives the same rows again.
    const client = await db.pool.connect();
    try {
      for (const p of ALL_PROJECTIONS) await resetProjection(client, p);
    } finally {
      client.release();
    }
    await waitUntil('the running app to replay after the reset', async () => {
      const now = await positions();
      return ALL_PROJECTIONS.every((p) => now[p.name] === head) || undefined;
    }, 60_000, 50);
    processes.note('replayed');
    expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(live);
  }));
