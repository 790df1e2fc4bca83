import { chunk, EventLog, newId } from '../../../test/projections/support/events.js';
import { countElection, type CountingRound, type ElectionMethod } from '../../governance/counting/index.js';
import { foldElectionLog, tieBreakRulesOf, type ElectionDecisionRow, type PendingElectionRow } from './decision-log-elections.fold.js';

const empty = { pending: new Map<string, PendingElectionRow>(), closed: new Set<string>() };

/** An election called, voted on (one voter replaces their ballot) and closed with the real count. */
function election(log: EventLog, method: ElectionMethod, seats: number, rankings: (c: string[]) => string[][]) {
  const e = newId();
  const candidates = [newId(), newId(), newId()].sort();
  const stream = `election-${e}`;
  const called = log.append(stream, 'governance.ElectionCalled', {
    electionId: e,
    calledBy: newId(),
    title: `Election ${method}`,
    role: seats === 1 ? 'steward' : null,
    seats,
    method,
    nominationsCloseAt: '2026-02-01T00:00:00.000Z',
    closesAt: '2026-02-08T00:00:00.000Z',
    electorate: { asOfPosition: 1, size: 12 },
  });
  const ballots = rankings(candidates);
  const voters = ballots.map(() => newId());
  log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[0], choices: [candidates[2]], replacesEarlier: false }, voters[0]);
  ballots.forEach((choices, i) => log.append(stream, 'governance.BallotCast', { electionId: e, voterId: voters[i], choices, replacesEarlier: i === 0 }, voters[i]));
  const count = countElection({ electionId: e, method, seats, candidates, ballots });
  const closed = log.append(stream, 'governance.ElectionClosed', {
    electionId: e,
    role: seats === 1 ? 'steward' : null,
    seats,
    method,
    candidates,
    winners: count.winners,
    rounds: count.rounds,
    ballotsCounted: count.ballotsCounted,
    electorateSize: 11,
    quota: count.quota,
  });
  return { e, candidates, voters, count, called, closed };
}

/** Folds batch after batch, carrying the tables forward. */
function foldInBatches(batches: Parameters<typeof foldElectionLog>[1][]) {
  const pending = new Map<string, PendingElectionRow>();
  const log = new Map<string, ElectionDecisionRow>();
  for (const batch of batches) {
    const changes = foldElectionLog({ pending, closed: new Set(log.keys()) }, batch);
    for (const p of changes.pending) pending.set(p.electionId, p);
    for (const id of changes.removed) pending.delete(id);
    for (const d of changes.elections) log.set(d.electionId, d);
  }
  return { pending, log };
}

const round = (tieBreaks: CountingRound['tieBreaks']): CountingRound => ({ round: 1, counts: {}, exhausted: '0', elected: [], eliminated: [], transfers: [], tieBreaks });

describe('tieBreakRulesOf', () => {
  it('lists each rule that settled a tie once, in order of first use', () => {
    expect(tieBreakRulesOf([])).toEqual([]);
    expect(tieBreakRulesOf([round([]), round([])])).toEqual([]);
    expect(
      tieBreakRulesOf([
        round([{ among: ['a', 'b'], chosen: 'a', rule: 'lot' }]),
        round([
          { among: ['a', 'b'], chosen: 'b', rule: 'earlier-rounds' },
          { among: ['a', 'c'], chosen: 'c', rule: 'lot' },
        ]),
      ]),
    ).toEqual(['lot', 'earlier-rounds']);
  });
});

describe('foldElectionLog', () => {
  it('writes the entry of an election called, voted on and closed in one batch, with every round as published', () => {
    const log = new EventLog(40);
    const { e, candidates: [a, b, c], count, called, closed } = election(log, 'stv', 2, ([a, b, c]) => [[a!, b!], [a!, b!], [a!, c!], [a!], [b!], [c!, b!], [c!]]);
    expect(count.rounds.length).toBeGreaterThan(1);
    expect(foldElectionLog(empty, log.events)).toEqual({
      pending: [],
      removed: [],
      elections: [
        {
          electionId: e,
          title: 'Election stv',
          role: null,
          seats: 2,
          method: 'stv',
          electorateSize: 11,
          voters: 7,
          ballotsCounted: 7,
          quota: count.quota,
          candidates: [a, b, c],
          elected: count.winners,
          rounds: count.rounds,
          tieBreakRules: tieBreakRulesOf(count.rounds),
          calledAt: called.meta.occurredAt,
          closedAt: closed.meta.occurredAt,
          calledPosition: 40,
          closedPosition: closed.position,
        },
      ],
    });
  });

  it('keeps a pending row until the close, counting each voter once, and removes it at the close', () => {
    const log = new EventLog(7);
    const { e } = election(log, 'irv', 1, ([a, b]) => [[a!], [b!], [a!, b!]]);
    const open = foldElectionLog(empty, log.events.slice(0, -1));
    expect(open).toEqual({
      pending: [expect.objectContaining({ electionId: e, method: 'irv', seats: 1, role: 'steward', voters: 3, calledPosition: 7, lastPosition: log.events.at(-2)!.position })],
      removed: [],
      elections: [],
    });
    const state = { pending: new Map([[e, open.pending[0]!]]), closed: new Set<string>() };
    // replaying the whole history changes nothing already applied: the voters are not counted twice
    const changes = foldElectionLog(state, log.events);
    expect(changes.pending).toEqual([]);
    expect(changes.removed).toEqual([e]);
    expect(changes.elections).toEqual([expect.objectContaining({ electionId: e, voters: 3, calledPosition: 7 })]);
  });

  it('skips events of an election already logged or never called, and events other than its own', () => {
    const log = new EventLog();
    const done = election(log, 'approval', 2, ([a, b, c]) => [[a!, b!], [c!]]);
    const stray = election(new EventLog(100), 'approval', 1, ([a]) => [[a!]]);
    log.other();
    const changes = foldElectionLog({ pending: new Map(), closed: new Set([done.e]) }, [...log.events, stray.closed]);
    expect(changes).toEqual({ pending: [], removed: [], elections: [] });
  });

  it('records the tie-break rule a tied count used', () => {
    const log = new EventLog();
    const { count } = election(log, 'irv', 1, ([a, b]) => [[a!], [b!]]);
    const [entry] = foldElectionLog(empty, log.events).elections;
    expect(entry!.tieBreakRules).toEqual(['lot']);
    expect(entry!.rounds).toEqual(count.rounds);
  });

  it('gives the same rows in one batch as in batches of any size', () => {
    const log = new EventLog();
    election(log, 'stv', 2, ([a, b, c]) => [[a!, b!], [a!, c!], [b!], [c!, a!], [c!]]);
    election(log, 'approval', 2, ([a, b, c]) => [[a!, b!], [b!, c!], [c!]]);
    const stillOpen = election(log, 'irv', 1, ([a, b]) => [[a!], [b!, a!], [b!]]);
    const history = log.events.filter((e) => e !== stillOpen.closed);
    const whole = foldInBatches([history]);
    expect(whole.log.size).toBe(2);
    expect([...whole.pending.keys()]).toEqual([stillOpen.e]);
    for (const sizes of [[1], [4], [3, 50, 1]]) expect(foldInBatches(chunk(history, sizes))).toEqual(whole);
  });
});
