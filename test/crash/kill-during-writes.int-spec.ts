import { jest } from '@jest/globals';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { AppProcesses, type AppProcess } from './support/app-process.js';
import { actFor, bootstrapSteward, http, newHandle, openProposal, registerMember, registerRequest, verifyMember, waitCaughtUp, type ClientMember } from './support/community.js';
import { acknowledged, expectAcknowledgedOnLog, expectLogWellFormed, expectSameAsCleanRebuild, expectVotesCountedOnce, type Sent } from './support/consistency.js';

/**
 * THE crash proof (DESIGN: "Never lose an event: a crash at any point leaves the log and the read
 * models consistent"). The real app runs as its own process; while concurrent votes and
 * registrations stream in, it is killed with SIGKILL, restarted on the same database, and then:
 * every acknowledged command is on the log, the log has no gaps, every stream is contiguous, the
 * read models equal a clean rebuild of the log row by row, and no vote is counted twice.
 */

jest.setTimeout(90_000);

const CHOICES = ['yes', 'no', 'abstain'] as const;
const VOTERS = 6;
const REGISTRARS = 2;

let db: TestDatabase;
let store: PostgresEventStore;
let processes: AppProcesses;
let app: AppProcess;
let voters: ClientMember[] = [];
let proposalId: string;
/** Each voter's next choice; it cycles, so that consecutive votes of a voter differ. */
const nextChoice = new Map<string, number>();
const everything: Sent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.pool, db.url);
  processes = new AppProcesses(db.url);
  await processes.printLogOnFailure(setUpCommunity);
});

async function setUpCommunity(): Promise<void> {
  app = await processes.start();

  const steward = await registerMember(app.url, newHandle('steward'));
  await bootstrapSteward(processes, db.url, steward);
  voters = [];
  for (let i = 0; i < VOTERS; i++) {
    const voter = await registerMember(app.url, newHandle('voter'));
    await verifyMember(app.url, steward, voter.memberId);
    voters.push(voter);
    nextChoice.set(voter.memberId, i);
  }
  // Closes well after this file is done: the closer must not get in the way.
  proposalId = await openProposal(app.url, steward, new Date(Date.now() + 20 * 60_000));
}

afterAll(async () => {
  await processes?.killAll();
  await store?.close();
  await db?.drop();
});


/**
 * Fires votes (one worker per voter, each voting again as soon as answered) and registrations
 * (a few workers) concurrently, and SIGKILLs the app once `killAfter` of them were acknowledged.
 */
async function streamAndKill(target: AppProcess, killAfter: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  let acked = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    processes.note(`SIGKILL after ${acked} acknowledged requests`);
    target.child.kill('SIGKILL');
  };
  const safety = setTimeout(kill, 30_000);
  const record = (s: Sent) => {
    sent.push(s);
    if (s.status !== null && s.status >= 200 && s.status < 300 && ++acked >= killAfter) kill();
  };

  const voteWorker = async (voter: ClientMember) => {
    while (!killed) {
      const index = nextChoice.get(voter.memberId)!;
      nextChoice.set(voter.memberId, index + 1);
      const choice = CHOICES[index % CHOICES.length]!;
      const act = actFor(voter, 'governance.CastVote', { proposalId, choice });
      const s: Sent = { kind: 'vote', status: null, voterId: voter.memberId, proposalId, choice, nonce: act.nonce, signature: act.signature };
      try {
        const answer = await http(target.url, 'POST', `/api/proposals/${proposalId}/votes`, { choice, act }, voter.token);
        s.status = answer.status;
        s.body = answer.body;
      } catch {
        // no answer: the process died under it
      }
      record(s);
    }
  };
  const registerWorker = async () => {
    while (!killed) {
      const handle = newHandle('joiner');
      const s: Sent = { kind: 'register', status: null, handle };
      try {
        const answer = await registerRequest(target.url, handle);
        s.status = answer.status;
        s.body = answer.body;
      } catch {
        // no answer
      }
      record(s);
    }
  };

  await Promise.all([...voters.map(voteWorker), ...Array.from({ length: REGISTRARS }, registerWorker)]);
  clearTimeout(safety);
  const exit = await target.exited;
  expect(exit.signal).toBe('SIGKILL');
  everything.push(...sent);
  return sent;
}

async function expectConsistent(): Promise<void> {
  await expectAcknowledgedOnLog(db.pool, everything);
  await expectLogWellFormed(db.pool, store);
  await expectVotesCountedOnce(db.pool);
  await expectSameAsCleanRebuild(db.pool, store);
}

// Killed early, in the middle, and later in the stream of requests.
describe.each([3, 17, 40])('SIGKILL after %i acknowledged requests', (killAfter) => {
  it('loses nothing acknowledged and leaves log and read models consistent after a restart', () => processes.printLogOnFailure(async () => {
    const sent = await streamAndKill(app, killAfter);
    const acked = acknowledged(sent);
    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    expect(acked.some((s) => s.kind === 'vote')).toBe(true);
    // Some requests were cut off by the kill (the point of the exercise).
    expect(sent.filter((s) => s.status === null).length).toBeGreaterThan(0);
    // No request was refused for any other reason than a vote repeated across the crash.
    const refused = sent.filter((s) => s.status !== null && (s.status < 200 || s.status >= 300));
    expect(refused.filter((s) => !(s.kind === 'vote' && s.status === 422))).toEqual([]);

    app = await processes.start();
    const items = await waitCaughtUp(app.url);
    expect(items.map((p) => p.position)).toEqual(items.map(() => items[0]!.head));
    await expectConsistent();

    // The restarted app takes commands again.
    const voter = voters[0]!;
    const index = nextChoice.get(voter.memberId)!;
    nextChoice.set(voter.memberId, index + 1);
    const choice = CHOICES[index % CHOICES.length]!;
    const act = actFor(voter, 'governance.CastVote', { proposalId, choice });
    const answer = await http(app.url, 'POST', `/api/proposals/${proposalId}/votes`, { choice, act }, voter.token);
    const s: Sent = { kind: 'vote', status: answer.status, body: answer.body, voterId: voter.memberId, proposalId, choice, nonce: act.nonce, signature: act.signature };
    everything.push(s);
    // 422 only when this choice is the one a vote cut off by the crash already recorded.
    expect([201, 422]).toContain(answer.status);
    if (answer.status === 201) {
      const proposal = await http(app.url, 'GET', `/api/proposals/${proposalId}?atPosition=${answer.body.position}`);
      expect(proposal.status).toBe(200);
    }
  }));
});
