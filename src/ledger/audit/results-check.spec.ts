import { canonicalBytes } from '../../events/canonical.js';
import type { Tally } from '../../events/governance/proposal-events.js';
import { Log, member } from './audit-log.fixtures.js';
import { ResultsChecker, type PublishedDecision } from './results-check.js';

const PROPOSAL = '11111111-1111-7111-8111-111111111111';
const RULES = { method: 'yes-no-abstain', quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true };
const T = (yes: number, no: number, abstain: number): Tally => ({ yes, no, abstain });

/**
 * Given five verified members, a proposal opened to them, member 1 delegating to member 2;
 * members 2 and 3 vote yes, member 4 votes no. Closing: direct yes 2 / no 1, delegated yes 1.
 */
function history(): { log: Log; opened: number } {
  const log = new Log();
  for (let n = 1; n <= 5; n++) {
    log.add(`member-${member(n)}`, 'members.MemberRegistered', { memberId: member(n), handle: `m${n}` });
    log.add(`member-${member(n)}`, 'members.MemberVerified', { memberId: member(n), verifierId: member(1), method: 'in-person', commitment: 'ab'.repeat(32) });
  }
  const stream = `proposal-${PROPOSAL}`;
  log.add(stream, 'governance.ProposalDrafted', { proposalId: PROPOSAL, authorId: member(1), title: 'Trees', body: 'Oaks.', rules: RULES, motion: { kind: 'general' }, topic: null });
  log.add(stream, 'governance.ProposalSubmitted', { proposalId: PROPOSAL, submittedBy: member(1) });
  const cut = log.entries.length - 1;
  const opened = log.add(stream, 'governance.ProposalOpened', {
    proposalId: PROPOSAL,
    openedBy: member(1),
    closesAt: '2026-03-20T09:00:00.000Z',
    rules: RULES,
    electorate: { asOfPosition: cut, size: 5 },
  });
  log.add('delegations', 'governance.VoteDelegated', { delegatorId: member(1), delegateId: member(2), topic: null });
  log.add(stream, 'governance.VoteCast', { proposalId: PROPOSAL, voterId: member(2), choice: 'yes', previousChoice: null });
  log.add(stream, 'governance.VoteCast', { proposalId: PROPOSAL, voterId: member(3), choice: 'yes', previousChoice: null });
  log.add(stream, 'governance.VoteCast', { proposalId: PROPOSAL, voterId: member(4), choice: 'no', previousChoice: null });
  return { log, opened };
}

function close(log: Log, data: Partial<{ result: string; tally: Tally; direct: Tally; delegated: Tally; electorateSize: number }> = {}): number {
  const asOf = log.entries.length - 1;
  return log.at('2026-03-20T09:00:00.000Z').add(`proposal-${PROPOSAL}`, 'governance.ProposalClosed', {
    proposalId: PROPOSAL,
    result: 'passed',
    tally: T(3, 1, 0),
    direct: T(2, 1, 0),
    delegated: T(1, 0, 0),
    electorateSize: 5,
    delegationsAsOfPosition: asOf,
    ...data,
  });
}

function run(log: Log): { checker: ResultsChecker; findings: { index: number; message: string }[] } {
  const checker = new ResultsChecker();
  const findings = log.entries.map((entry, index) => checker.observe(index, entry)).filter((f) => f !== null);
  return { checker, findings };
}

const published = (closedPosition: number, over: Partial<PublishedDecision> = {}): PublishedDecision => ({
  proposalId: PROPOSAL,
  result: 'passed',
  tally: T(3, 1, 0),
  delegated: T(1, 0, 0),
  electorateSize: 5,
  closedPosition,
  ...over,
});

describe('recomputing results from the log', () => {
  it('agrees with a close whose result and tallies follow from the votes and delegations', () => {
    const { log } = history();
    const closed = close(log);
    const { checker, findings } = run(log);
    expect(findings).toEqual([]);
    expect(checker.proposalsRecomputed).toBe(1);
    expect(checker.compareWithDecisionLog([published(closed)], log.entries.length)).toBeNull();
  });

  it('names the close whose tally is not what the votes give', () => {
    const { log } = history();
    const closed = close(log, { result: 'rejected', tally: T(1, 3, 0), direct: T(1, 3, 0), delegated: T(0, 0, 0) });
    expect(run(log).findings).toEqual([{ index: closed, message: expect.stringContaining('but its votes and delegations on the log give passed with yes 3, no 1') }]);
  });

  it('names the close that leaves out the delegated weight', () => {
    const { log } = history();
    const closed = close(log, { tally: T(2, 1, 0), delegated: T(0, 0, 0) });
    expect(run(log).findings.map((f) => f.index)).toEqual([closed]);
  });

  it('names the opening whose electorate is not the members verified at its cut', () => {
    const log = history().log;
    const { log: other, opened } = history();
    // The same history, except that the opening claims six members.
    const forged = JSON.parse(other.entries[opened]!.toString('utf8')) as { data: { electorate: { size: number } } };
    forged.data.electorate.size = 6;
    other.entries[opened] = canonicalBytes(forged);
    close(other, { electorateSize: 6 });
    expect(run(other).findings[0]).toEqual({ index: opened, message: expect.stringContaining('electorate of 6, but 5 members were verified') });
    expect(run(log).findings).toEqual([]);
  });

  it('reads a proposal from its own stream only: comments on it do not disturb the recomputation', () => {
    const { log } = history();
    log.add(`proposal-comments-${PROPOSAL}`, 'governance.CommentPosted', { proposalId: PROPOSAL, commentId: member(40), parentId: null, authorId: member(3), body: 'Yes to oaks.' });
    close(log);
    const { checker, findings } = run(log);
    expect(findings).toEqual([]);
    expect(checker.proposalsRecomputed).toBe(1);
  });

  it('names the close that came before the voting time was up', () => {
    const { log } = history();
    const asOf = log.entries.length - 1;
    const closed = log.at('2026-03-19T09:00:00.000Z').add(`proposal-${PROPOSAL}`, 'governance.ProposalClosed', {
      proposalId: PROPOSAL,
      result: 'passed',
      tally: T(3, 1, 0),
      direct: T(2, 1, 0),
      delegated: T(1, 0, 0),
      electorateSize: 5,
      delegationsAsOfPosition: asOf,
    });
    expect(run(log).findings).toEqual([{ index: closed, message: expect.stringContaining('could not have closed then') }]);
  });
});

describe('comparing with the published decision log', () => {
  it('names the close whose published result differs, one the log never made, and one left unpublished', () => {
    const { log } = history();
    const closed = close(log);
    const { checker } = run(log);
    expect(checker.compareWithDecisionLog([published(closed, { result: 'rejected' })], log.entries.length)).toEqual({
      index: closed,
      message: expect.stringContaining(`but event ${closed} decided passed`),
    });
    expect(checker.compareWithDecisionLog([published(closed, { electorateSize: 4 })], log.entries.length)?.index).toBe(closed);
    expect(checker.compareWithDecisionLog([], log.entries.length)).toEqual({ index: closed, message: expect.stringContaining('which the decision log does not publish') });
    const stranger = published(closed - 1, { proposalId: '22222222-2222-7222-8222-222222222222' });
    expect(checker.compareWithDecisionLog([published(closed), stranger], log.entries.length)).toEqual({ index: closed - 1, message: expect.stringContaining('holds no such close') });
  });

  it('ignores decisions published after the checkpoint audited', () => {
    const { log } = history();
    const closed = close(log);
    const { checker } = run(log);
    const later = published(closed + 5, { proposalId: '33333333-3333-7333-8333-333333333333' });
    expect(checker.compareWithDecisionLog([published(closed), later], closed + 1)).toBeNull();
  });
});
