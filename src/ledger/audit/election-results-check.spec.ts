import { Log, member } from './audit-log.fixtures.js';
import { countElection, type CountResult } from '../../governance/counting/index.js';
import type { PublishedElection } from './election-results-check.js';
import { ResultsChecker } from './results-check.js';

const ELECTION = '22222222-2222-7222-8222-222222222222';
const STREAM = `election-${ELECTION}`;
const CLOSES = '2026-03-20T09:00:00.000Z';
const [A, B, C, D] = [member(1), member(2), member(3), member(4)];

/**
 * An STV election for two seats: four candidates, one withdrawn; nine ballots, one replaced.
 * Returns the log up to the close and the count the server would publish.
 */
function history(): { log: Log; count: CountResult; candidates: string[] } {
  const log = new Log();
  log.add(STREAM, 'governance.ElectionCalled', {
    electionId: ELECTION,
    calledBy: member(9),
    title: 'Moderators',
    role: 'moderator',
    seats: 2,
    method: 'stv',
    nominationsCloseAt: '2026-03-10T09:00:00.000Z',
    closesAt: CLOSES,
    electorate: { asOfPosition: 0, size: 12 },
  });
  for (const c of [A, B, C, D]) log.add(STREAM, 'governance.CandidacyDeclared', { electionId: ELECTION, candidateId: c, statement: '' });
  log.add(STREAM, 'governance.CandidacyWithdrawn', { electionId: ELECTION, candidateId: D });
  const ballots: [number, string[]][] = [
    [10, [A, B]],
    [11, [A, B]],
    [12, [A, C]],
    [13, [A]],
    [14, [B]],
    [15, [C, B]],
    [16, [C]],
    [17, [B, C]],
    [18, [C, A]],
  ];
  log.add(STREAM, 'governance.BallotCast', { electionId: ELECTION, voterId: member(18), choices: [D], replacesEarlier: false });
  for (const [voter, choices] of ballots) log.add(STREAM, 'governance.BallotCast', { electionId: ELECTION, voterId: member(voter), choices, replacesEarlier: voter === 18 });
  const candidates = [A, B, C];
  const count = countElection({ electionId: ELECTION, method: 'stv', seats: 2, candidates, ballots: ballots.map(([, c]) => c) });
  return { log, count, candidates };
}

function close(log: Log, count: CountResult, candidates: string[], at = CLOSES): number {
  return log.at(at).add(STREAM, 'governance.ElectionClosed', {
    electionId: ELECTION,
    role: 'moderator',
    seats: 2,
    method: 'stv',
    candidates,
    winners: count.winners,
    rounds: count.rounds,
    ballotsCounted: count.ballotsCounted,
    electorateSize: 12,
    quota: count.quota,
  });
}

function run(log: Log): { checker: ResultsChecker; findings: { index: number; message: string }[] } {
  const checker = new ResultsChecker();
  const findings = log.entries.map((entry, index) => checker.observe(index, entry)).filter((f) => f !== null);
  return { checker, findings };
}

const published = (count: CountResult, candidates: string[], closedPosition: number): PublishedElection => ({
  electionId: ELECTION,
  role: 'moderator',
  seats: 2,
  method: 'stv',
  electorateSize: 12,
  ballotsCounted: count.ballotsCounted,
  quota: count.quota,
  candidates,
  elected: count.winners,
  rounds: count.rounds,
  closedPosition,
});

describe('recounting elections from the log', () => {
  it('agrees with a close that publishes the count of the latest ballots of the candidates standing', () => {
    const { log, count, candidates } = history();
    expect(count.rounds.length).toBeGreaterThan(1);
    const closed = close(log, count, candidates);
    const { checker, findings } = run(log);
    expect(findings).toEqual([]);
    expect(checker.elections.electionsRecomputed).toBe(1);
    expect(checker.elections.compareWithElectionLog([published(count, candidates, closed)], log.entries.length)).toBeNull();
  });

  it('names the close whose winners are not what the ballots give', () => {
    const { log, count, candidates } = history();
    const closed = close(log, { ...count, winners: [...count.winners].reverse() }, candidates);
    expect(run(log).findings).toEqual([{ index: closed, message: expect.stringContaining(`but the recount of its ballots on the log elects ${count.winners.join(', ')}`) }]);
  });

  it('names the close whose rounds were altered, and the first round that differs', () => {
    const { log, count, candidates } = history();
    const rounds = count.rounds.map((r, i) => (i === 1 ? { ...r, exhausted: '9.00000' } : r));
    const closed = close(log, { ...count, rounds }, candidates);
    expect(run(log).findings).toEqual([{ index: closed, message: expect.stringContaining('differs from the recount of its ballots on the log at round 2') }]);
  });

  it('names the close that counts the withdrawn candidate, or a replaced ballot', () => {
    const { log, candidates } = history();
    const withD = [...candidates, D].sort();
    const replaced = countElection({
      electionId: ELECTION,
      method: 'stv',
      seats: 2,
      candidates: withD,
      ballots: [[A, B], [A, B], [A, C], [A], [B], [C, B], [C], [B, C], [D]],
    });
    const closed = close(log, replaced, withD);
    expect(run(log).findings.map((f) => f.index)).toEqual([closed]);
  });

  it('names the close that came before the voting time was up, and a second close', () => {
    const { log, count, candidates } = history();
    const early = close(log, count, candidates, '2026-03-19T09:00:00.000Z');
    expect(run(log).findings).toEqual([{ index: early, message: expect.stringContaining('could not have closed then') }]);

    const again = history();
    close(again.log, again.count, again.candidates);
    const second = close(again.log, again.count, again.candidates, '2026-03-21T09:00:00.000Z');
    expect(run(again.log).findings).toEqual([{ index: second, message: expect.stringContaining('closed again') }]);
  });
});

describe('comparing the published elections with the log', () => {
  it('names the close whose published entry differs, an unpublished close and a published close the log never made', () => {
    const { log, count, candidates } = history();
    const closed = close(log, count, candidates);
    const { checker } = run(log);
    const size = log.entries.length;
    const faithful = published(count, candidates, closed);
    const altered = { ...faithful, rounds: faithful.rounds.map((r, i) => (i === faithful.rounds.length - 1 ? { ...r, elected: [] } : r)) };
    expect(checker.elections.compareWithElectionLog([altered], size)).toEqual({
      index: closed,
      message: expect.stringContaining(`the decision log's entry for election ${ELECTION} differs from event ${closed} at round ${faithful.rounds.length}`),
    });
    expect(checker.elections.compareWithElectionLog([{ ...faithful, elected: [A] }], size)).toEqual({ index: closed, message: expect.stringContaining(`elects ${A}, but event ${closed} elects`) });
    expect(checker.elections.compareWithElectionLog([{ ...faithful, quota: '1.00000' }], size)).toEqual({ index: closed, message: expect.stringContaining('gives quota "1.00000"') });
    expect(checker.elections.compareWithElectionLog([{ ...faithful, closedPosition: closed - 1 }], size)).toEqual({ index: closed, message: expect.stringContaining(`as closed at ${closed - 1}, but event ${closed} closed it`) });
    expect(checker.elections.compareWithElectionLog([], size)).toEqual({ index: closed, message: expect.stringContaining('which the decision log does not publish') });
    const ghost = { ...faithful, electionId: '33333333-3333-7333-8333-333333333333', closedPosition: 3 };
    expect(checker.elections.compareWithElectionLog([faithful, ghost], size)).toEqual({ index: 3, message: expect.stringContaining('the log holds no such close') });
    // closed after the audited checkpoint: not yet the auditor's business
    expect(checker.elections.compareWithElectionLog([faithful, { ...ghost, closedPosition: size }], size)).toBeNull();
  });
});
