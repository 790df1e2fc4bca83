import { chunk, communityHistory, EventLog, newId, RULES } from '../../../test/projections/support/events.js';
import { type DecisionRow, foldDecisionLog, type PendingDecisionRow, turnoutBps } from './decision-log.fold.js';

const empty = { pending: new Map<string, PendingDecisionRow>(), closed: new Set<string>() };
const ELECTORATE = { asOfPosition: 1, size: 9 };
const CLOSES = '2026-02-01T00:00:00.000Z';

/** Folds batch after batch, carrying the tables forward. */
function foldInBatches(batches: Parameters<typeof foldDecisionLog>[1][]) {
  const pending = new Map<string, PendingDecisionRow>();
  const log = new Map<string, DecisionRow>();
  for (const batch of batches) {
    const changes = foldDecisionLog({ pending, closed: new Set(log.keys()) }, batch);
    for (const p of changes.pending) pending.set(p.proposalId, p);
    for (const id of changes.removed) pending.delete(id);
    for (const d of changes.decisions) log.set(d.proposalId, d);
  }
  return { pending, log };
}

describe('turnoutBps', () => {
  it('rounds down, in integers', () => {
    expect(turnoutBps(4, 7)).toBe(5714);
    expect(turnoutBps(2, 3)).toBe(6666);
    expect(turnoutBps(1, 3)).toBe(3333);
    expect(turnoutBps(9, 9)).toBe(10_000);
    expect(turnoutBps(0, 9)).toBe(0);
    expect(turnoutBps(0, 0)).toBe(0);
    expect(turnoutBps(999_999_999, 1_000_000_000)).toBe(9999);
  });
});

describe('foldDecisionLog', () => {
  it('keeps a pending row per proposal until it closes, with the rules it opened with', () => {
    const log = new EventLog(10);
    const p = newId();
    const author = newId();
    log.drafted(p, author, 'T', { ...RULES, quorumBps: 1, thresholdBps: 1 });
    const opened = log.opened(p, ELECTORATE, CLOSES, { ...RULES, quorumBps: 2500, thresholdBps: 6600 });
    expect(foldDecisionLog(empty, log.events)).toEqual({
      pending: [
        {
          proposalId: p,
          title: 'T',
          authorId: author,
          quorumBps: 2500,
          thresholdBps: 6600,
          motion: { kind: 'general' },
          topic: null,
          openedAt: opened.meta.occurredAt,
          openedPosition: 11,
          lastPosition: 11,
        },
      ],
      removed: [],
      decisions: [],
    });
  });

  it('writes the entry of a proposal drafted, opened and closed in one batch, without a pending row', () => {
    const log = new EventLog();
    const p = newId();
    const author = newId();
    log.drafted(p, author, 'T');
    const opened = log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, newId(), 'yes');
    const closed = log.closed(p, 'rejected', { yes: 1, no: 2, abstain: 1 }, 9);
    expect(foldDecisionLog(empty, log.events)).toEqual({
      pending: [],
      removed: [],
      decisions: [
        {
          proposalId: p,
          title: 'T',
          authorId: author,
          result: 'rejected',
          yes: 1,
          no: 2,
          abstain: 1,
          delegatedYes: 0,
          delegatedNo: 0,
          delegatedAbstain: 0,
          motion: { kind: 'general' },
          topic: null,
          electorateSize: 9,
          turnoutBps: 4444,
          quorumBps: RULES.quorumBps,
          thresholdBps: RULES.thresholdBps,
          openedAt: opened.meta.occurredAt,
          closedAt: closed.meta.occurredAt,
          openedPosition: 1,
          closedPosition: 3,
        },
      ],
    });
  });

  it('closes from a stored pending row and removes it; skips what is already applied or unknown', () => {
    const log = new EventLog();
    const [p, done, stray] = [newId(), newId(), newId()];
    const stored = foldDecisionLog(empty, [log.drafted(p, newId(), 'T'), log.opened(p, ELECTORATE, CLOSES)]).pending[0]!;
    const state = { pending: new Map([[p, stored]]), closed: new Set([done]) };
    const changes = foldDecisionLog(state, [
      ...log.events,
      log.other(),
      log.closed(done, 'passed', { yes: 1, no: 0, abstain: 0 }, 1),
      log.closed(stray, 'passed', { yes: 1, no: 0, abstain: 0 }, 1),
      log.closed(p, 'passed', { yes: 5, no: 0, abstain: 0 }, 9),
    ]);
    expect(changes.pending).toEqual([]);
    expect(changes.removed).toEqual([p]);
    expect(changes.decisions.map((d) => [d.proposalId, d.title, d.openedPosition, d.closedPosition, d.turnoutBps])).toEqual([[p, 'T', 1, 5, 5555]]);
  });

  it('gives the same rows in one batch as in batches of any size', () => {
    const history = communityHistory(11).events;
    const whole = foldInBatches([history]);
    expect(whole.log.size).toBe(5);
    expect(whole.pending.size).toBe(2);
    for (const sizes of [[1], [4], [3, 50, 1]]) expect(foldInBatches(chunk(history, sizes))).toEqual(whole);
  });

  it('keeps the title and rules of the latest revision for the entry', () => {
    const log = new EventLog();
    const [p, author] = [newId(), newId()];
    log.drafted(p, author, 'Old title');
    log.revised(p, author, 'New title', { ...RULES, quorumBps: 4000, thresholdBps: 6000 });
    log.submitted(p, author);
    log.opened(p, ELECTORATE, CLOSES, { ...RULES, quorumBps: 4000, thresholdBps: 6000 });
    log.closed(p, 'passed', { yes: 5, no: 0, abstain: 0 }, 9);
    const { decisions } = foldDecisionLog(empty, log.events);
    expect(decisions).toEqual([expect.objectContaining({ proposalId: p, title: 'New title', quorumBps: 4000, thresholdBps: 6000 })]);
  });

  it('drops the pending row of a proposal withdrawn or cancelled: it never enters the log', () => {
    const log = new EventLog();
    const [withdrawn, cancelled, author] = [newId(), newId(), newId()];
    const stored = foldDecisionLog(empty, [log.drafted(withdrawn, author, 'W'), log.drafted(cancelled, author, 'C')]).pending;
    const state = { pending: new Map(stored.map((r) => [r.proposalId, r])), closed: new Set<string>() };
    log.submitted(withdrawn, author);
    log.withdrawn(withdrawn, author);
    log.cancelled(cancelled, newId(), 'Spam.');
    // a close cannot follow; were one to arrive, the proposal is still not logged
    log.closed(cancelled, 'passed', { yes: 1, no: 0, abstain: 0 }, 9);
    const changes = foldDecisionLog(state, log.events.slice(2));
    expect(changes).toEqual({ pending: [], removed: [withdrawn, cancelled], decisions: [] });
  });
});
