import { chunk, communityHistory, EventLog, newId, RULES } from '../../../test/projections/support/events.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { foldProposalEvents, foldProposals, proposalEventsOf, proposalIdsOf, voteOnlyChanges, type ProposalRow, type VoteRow } from './proposals.fold.js';

const none = new Map<string, ProposalRow>();
const ELECTORATE = { asOfPosition: 9, size: 40 };
const CLOSES = '2026-02-01T00:00:00.000Z';

/** Folds batch after batch, carrying the rows forward as the tables would. */
function foldInBatches(batches: Parameters<typeof foldProposals>[1][]) {
  const proposals = new Map<string, ProposalRow>();
  const votes = new Map<string, VoteRow>();
  for (const batch of batches) {
    const changes = foldProposals(proposals, batch);
    for (const p of changes.proposals) proposals.set(p.proposalId, p);
    for (const v of changes.votes) votes.set(`${v.proposalId} ${v.voterId}`, v);
  }
  return { proposals, votes };
}

describe('foldProposals', () => {
  it('drafts a proposal under the rules of the draft', () => {
    const log = new EventLog(3);
    const p = newId();
    const author = newId();
    const e = log.drafted(p, author, 'T', { ...RULES, quorumBps: 1, thresholdBps: 2, allowVoteChange: false });
    expect(foldProposals(none, [e])).toEqual({
      proposals: [
        {
          proposalId: p,
          authorId: author,
          title: 'T',
          body: 'Body of T',
          status: 'drafted',
          quorumBps: 1,
          thresholdBps: 2,
          allowVoteChange: false,
          draftedAt: e.meta.occurredAt,
          draftedPosition: 3,
          revisions: 0,
          submittedAt: null,
          openedAt: null,
          closesAt: null,
          closedAt: null,
          electoratePosition: null,
          electorateSize: null,
          yes: 0,
          no: 0,
          abstain: 0,
          result: null,
          withdrawnAt: null,
          cancelledAt: null,
          cancelledBy: null,
          cancelReason: null,
          motion: { kind: 'general' },
          topic: null,
          delegatedYes: 0,
          delegatedNo: 0,
          delegatedAbstain: 0,
          delegationsPosition: null,
          lastPosition: 3,
        },
      ],
      votes: [],
    });
  });

  it('opens with the rules and electorate of ProposalOpened', () => {
    const log = new EventLog();
    const p = newId();
    log.drafted(p, newId(), 'T');
    const opened = log.opened(p, ELECTORATE, '2026-02-01T01:00:00+01:00', { ...RULES, quorumBps: 4000, allowVoteChange: false });
    const [row] = foldProposals(none, log.events).proposals;
    expect(row).toMatchObject({
      status: 'open',
      quorumBps: 4000,
      allowVoteChange: false,
      openedAt: opened.meta.occurredAt,
      closesAt: '2026-02-01T00:00:00.000Z',
      electoratePosition: 9,
      electorateSize: 40,
      lastPosition: 1,
    });
  });

  it('keeps a live tally: a changed vote moves one count, the vote row keeps the latest choice', () => {
    const log = new EventLog();
    const p = newId();
    const [a, b] = [newId(), newId()];
    log.drafted(p, newId(), 'T');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, a, 'yes');
    log.vote(p, b, 'yes');
    log.vote(p, a, 'no', 'yes');
    log.vote(p, a, 'abstain', 'no');
    const last = log.vote(p, b, 'no', 'yes');
    const { proposals, votes } = foldProposals(none, log.events);
    expect(proposals[0]).toMatchObject({ yes: 0, no: 1, abstain: 1, lastPosition: 6 });
    expect(votes).toEqual([
      { proposalId: p, voterId: a, choice: 'abstain', position: 5, castAt: log.events[5]!.meta.occurredAt },
      { proposalId: p, voterId: b, choice: 'no', position: 6, castAt: last.meta.occurredAt },
    ]);
  });

  it('moves counts of votes stored by earlier batches', () => {
    const log = new EventLog();
    const p = newId();
    const v = newId();
    const before = foldProposals(none, [log.drafted(p, newId(), 'T'), log.opened(p, ELECTORATE, CLOSES), log.vote(p, v, 'no')]).proposals[0]!;
    expect(before).toMatchObject({ yes: 0, no: 1 });
    const { proposals } = foldProposals(new Map([[p, before]]), [log.vote(p, v, 'yes', 'no')]);
    expect(proposals[0]).toMatchObject({ yes: 1, no: 0, abstain: 0, lastPosition: 3 });
    expect(before).toMatchObject({ yes: 0, no: 1, lastPosition: 2 });
  });

  it('closes with the published result and tally', () => {
    const log = new EventLog();
    const p = newId();
    log.drafted(p, newId(), 'T');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, newId(), 'yes');
    const closed = log.closed(p, 'no-quorum', { yes: 1, no: 0, abstain: 0 }, 41);
    expect(foldProposals(none, log.events).proposals[0]).toMatchObject({
      status: 'closed',
      result: 'no-quorum',
      closedAt: closed.meta.occurredAt,
      yes: 1,
      no: 0,
      abstain: 0,
      electorateSize: 41,
      lastPosition: 3,
    });
  });

  it('skips events already applied, other event types and proposals never drafted', () => {
    const log = new EventLog();
    const p = newId();
    log.drafted(p, newId(), 'T');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, newId(), 'yes');
    const stored = foldProposals(none, log.events).proposals[0]!;
    log.other();
    const stray = newId();
    log.vote(stray, newId(), 'no');
    log.closed(stray, 'passed', { yes: 1, no: 0, abstain: 0 }, 1);
    expect(foldProposals(new Map([[p, stored]]), log.events)).toEqual({ proposals: [], votes: [] });
    expect(proposalIdsOf(log.events).sort()).toEqual([p, stray].sort());
  });

  it('gives the same rows in one batch as in batches of any size', () => {
    const history = communityHistory(5).events;
    const whole = foldInBatches([history]);
    expect(whole.proposals.size).toBe(7);
    for (const sizes of [[1], [2], [5, 1, 33]]) expect(foldInBatches(chunk(history, sizes))).toEqual(whole);
    // the live tally is the stored votes counted
    for (const row of whole.proposals.values()) {
      const counted = { yes: 0, no: 0, abstain: 0 };
      for (const v of whole.votes.values()) if (v.proposalId === row.proposalId) counted[v.choice] += 1;
      expect({ yes: row.yes, no: row.no, abstain: row.abstain }).toEqual(counted);
    }
  });

  describe('the lifecycle before and beside the vote', () => {
    it('takes the title, body and rules of each revision, counting them', () => {
      const log = new EventLog(10);
      const [p, author] = [newId(), newId()];
      log.drafted(p, author, 'First');
      log.revised(p, author, 'Second', { ...RULES, quorumBps: 3000 });
      const last = log.revised(p, author, 'Third', { ...RULES, thresholdBps: 6000 });
      expect(foldProposals(none, log.events).proposals).toEqual([
        expect.objectContaining({ title: 'Third', body: 'Body of Third', quorumBps: 2000, thresholdBps: 6000, revisions: 2, status: 'drafted', lastPosition: last.position }),
      ]);
    });

    it('records the submission', () => {
      const log = new EventLog();
      const [p, author] = [newId(), newId()];
      log.drafted(p, author, 'T');
      const submitted = log.submitted(p, author);
      expect(foldProposals(none, log.events).proposals).toEqual([
        expect.objectContaining({ status: 'submitted', submittedAt: submitted.meta.occurredAt, lastPosition: submitted.position }),
      ]);
    });

    it('records a withdrawal, keeping when it was opened', () => {
      const log = new EventLog();
      const [p, author] = [newId(), newId()];
      log.drafted(p, author, 'T');
      log.submitted(p, author);
      const opened = log.opened(p, ELECTORATE, CLOSES);
      const withdrawn = log.withdrawn(p, author);
      expect(foldProposals(none, log.events).proposals).toEqual([
        expect.objectContaining({ status: 'withdrawn', openedAt: opened.meta.occurredAt, withdrawnAt: withdrawn.meta.occurredAt, cancelledAt: null, result: null }),
      ]);
    });

    it('records a cancellation with the steward and the public reason, keeping the votes cast', () => {
      const log = new EventLog();
      const [p, author, steward] = [newId(), newId(), newId()];
      log.drafted(p, author, 'T');
      log.submitted(p, author);
      log.opened(p, ELECTORATE, CLOSES);
      log.vote(p, newId(), 'yes');
      const cancelled = log.cancelled(p, steward, 'Against the charter.');
      const { proposals, votes } = foldProposals(none, log.events);
      expect(proposals).toEqual([
        expect.objectContaining({ status: 'cancelled', cancelledAt: cancelled.meta.occurredAt, cancelledBy: steward, cancelReason: 'Against the charter.', yes: 1, result: null }),
      ]);
      expect(votes).toHaveLength(1);
    });

    it('skips a lifecycle event already applied', () => {
      const log = new EventLog();
      const [p, author] = [newId(), newId()];
      log.drafted(p, author, 'T');
      const withdrawn = log.withdrawn(p, author);
      const [stored] = foldProposals(none, log.events).proposals;
      expect(foldProposals(new Map([[p, stored!]]), [withdrawn, log.events[0]!])).toEqual({ proposals: [], votes: [] });
    });
  });
});

describe('foldProposals with motions, topics and delegated weight', () => {
  it('shows the motion and topic of the latest draft, and the delegated part of the closing tally', () => {
    const log = new EventLog();
    const p = newId();
    const author = newId();
    const target = newId();
    const motion = { kind: 'grant-role', memberId: target, role: 'verifier' };
    const drafted = log.drafted(p, author, 'T');
    Object.assign(drafted, { schemaVersion: 2, data: { ...drafted.data, motion: { kind: 'general' }, topic: 'water' } });
    const revised = log.revised(p, author, 'T2');
    Object.assign(revised, { schemaVersion: 2, data: { ...revised.data, motion, topic: 'roles' } });
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, newId(), 'yes');
    const closed = log.closed(p, 'passed', { yes: 3, no: 0, abstain: 0 }, 5);
    Object.assign(closed, {
      schemaVersion: 2,
      data: { ...closed.data, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 2, no: 0, abstain: 0 }, delegationsAsOfPosition: 3 },
    });
    expect(foldProposals(none, log.events.slice(0, 1)).proposals[0]).toMatchObject({ motion: { kind: 'general' }, topic: 'water' });
    expect(foldProposals(none, log.events).proposals[0]).toMatchObject({
      motion,
      topic: 'roles',
      yes: 3,
      delegatedYes: 2,
      delegatedNo: 0,
      delegationsPosition: 3,
      result: 'passed',
    });
  });
});

/**
 * What the projection does with a batch, in memory: the vote-only changes go onto the rows that
 * stand before them, the other proposals' events are folded from their rows, and vote rows keep
 * the later of two writes of the same key (the upsert's position guard).
 */
function applyAsTheProjection(rows: Map<string, ProposalRow>, votes: Map<string, VoteRow>, batch: readonly EventEnvelope[]) {
  const events = proposalEventsOf(batch);
  const { deltas, firstVotes, changedVotes } = voteOnlyChanges(events);
  const tallied = new Set<string>();
  for (const d of deltas) {
    const row = rows.get(d.proposalId);
    if (row === undefined || row.lastPosition >= d.firstPosition) continue;
    rows.set(d.proposalId, { ...row, yes: row.yes + d.yes, no: row.no + d.no, abstain: row.abstain + d.abstain, lastPosition: d.lastPosition });
    tallied.add(d.proposalId);
  }
  const folded = foldProposalEvents(rows, events.filter((e) => !tallied.has(e.data.proposalId)));
  for (const p of folded.proposals) rows.set(p.proposalId, p);
  const written = [...firstVotes, ...changedVotes].filter((v) => tallied.has(v.proposalId));
  for (const v of [...written, ...folded.votes]) {
    const key = `${v.proposalId} ${v.voterId}`;
    if ((votes.get(key)?.position ?? -1) < v.position) votes.set(key, v);
  }
}

describe('voteOnlyChanges', () => {
  it('sums the votes of a proposal that gets only votes, keeping first votes apart from the latest changed vote of each voter', () => {
    const log = new EventLog(10);
    const [p, q] = [newId(), newId()];
    const [a, b, c] = [newId(), newId(), newId()];
    const first = log.vote(p, a, 'yes');
    log.vote(q, a, 'no');
    log.vote(p, a, 'no', 'yes');
    log.other();
    const second = log.vote(p, b, 'abstain');
    const latest = log.vote(p, a, 'abstain', 'no');
    const changed = log.vote(p, c, 'yes', 'no');
    log.closed(q, 'passed', { yes: 0, no: 1, abstain: 0 }, 3);
    const vote = (e: EventEnvelope): VoteRow => {
      const { proposalId, voterId, choice } = e.data as VoteRow;
      return { proposalId, voterId, choice, position: e.position, castAt: e.meta.occurredAt };
    };
    expect(voteOnlyChanges(proposalEventsOf(log.events))).toEqual({
      // c changed a vote of an earlier batch: no, then yes.
      deltas: [{ proposalId: p, yes: 1, no: -1, abstain: 2, firstPosition: 10, lastPosition: changed.position }],
      firstVotes: [vote(first), vote(second)],
      changedVotes: [vote(latest), vote(changed)],
    });
  });

  it('leaves to the fold a proposal with any other event in the batch, before or after its votes', () => {
    const log = new EventLog();
    const [p, q] = [newId(), newId()];
    log.drafted(p, newId(), 'T');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, newId(), 'yes');
    log.vote(q, newId(), 'yes');
    log.vote(q, newId(), 'no', 'yes');
    log.closed(q, 'passed', { yes: 1, no: 0, abstain: 0 }, 3);
    expect(voteOnlyChanges(proposalEventsOf(log.events))).toEqual({ deltas: [], firstVotes: [], changedVotes: [] });
  });

  it('gives the rows of the fold, in batches of any size, and when a batch is applied again', () => {
    for (const seed of [1, 2, 3]) {
      const history = communityHistory(seed).events;
      const whole = foldInBatches([history]);
      for (const sizes of [[1], [3], [5, 1, 33], [400]]) {
        const rows = new Map<string, ProposalRow>();
        const votes = new Map<string, VoteRow>();
        for (const batch of chunk(history, sizes)) {
          applyAsTheProjection(rows, votes, batch);
          applyAsTheProjection(rows, votes, batch);
        }
        expect(rows).toEqual(whole.proposals);
        expect(new Map([...votes].sort())).toEqual(new Map([...whole.votes].sort()));
      }
    }
  });
});
