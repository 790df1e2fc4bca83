import type { VoteChoice } from '../../src/events/governance/proposal-events.js';
import { moderationProjection } from '../../src/projections/moderation/moderation.projection.js';
import { proposalsProjection } from '../../src/projections/governance/proposals.projection.js';
import { getProposal, listOpenProposalsDue, listProposals, listProposalVotes } from '../../src/read-models/governance/proposal-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate } from './support/db.js';
import { EventLog, newId, RULES } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // The queries join moderation's visibility table: hidden proposals lose their title and body.
  await install(db.pool, proposalsProjection, moderationProjection);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, proposalsProjection);
});

const CLOSES = '2026-01-12T09:00:00.000Z';
const ELECTORATE = { asOfPosition: 41, size: 30 };

describe('proposals projection', () => {
  it('declares what it handles and owns', () => {
    expect(proposalsProjection).toMatchObject({ name: 'proposals', version: 3 });
    expect([...proposalsProjection.handles].sort()).toEqual([
      'governance.ProposalCancelled',
      'governance.ProposalClosed',
      'governance.ProposalDrafted',
      'governance.ProposalOpened',
      'governance.ProposalRevised',
      'governance.ProposalSubmitted',
      'governance.ProposalWithdrawn',
      'governance.VoteCast',
    ]);
    expect(proposalsProjection.tables).toEqual(['proposals', 'proposal_votes']);
  });

  it('follows a proposal event by event: drafted, opened, voted, changed, closed', async () => {
    const log = new EventLog(50);
    const p = newId();
    const author = newId();
    const [v1, v2] = [newId(), newId()];

    const drafted = log.drafted(p, author, 'Bike racks', { ...RULES, quorumBps: 1234 });
    await applyBatch(db.pool, proposalsProjection, [drafted]);
    expect(await getProposal(db.pool, p)).toEqual({
      proposalId: p,
      authorId: author,
      title: 'Bike racks',
      body: 'Body of Bike racks',
      status: 'drafted',
      rules: { method: 'yes-no-abstain', quorumBps: 1234, thresholdBps: 5000, allowVoteChange: true },
      electorate: null,
      draftedAt: drafted.meta.occurredAt,
      draftedPosition: 50,
      revisions: 0,
      submittedAt: null,
      openedAt: null,
      closesAt: null,
      closedAt: null,
      endedAt: null,
      cancellation: null,
      tally: { yes: 0, no: 0, abstain: 0 },
      direct: { yes: 0, no: 0, abstain: 0 },
      delegated: { yes: 0, no: 0, abstain: 0 },
      delegationsAsOfPosition: null,
      result: null,
      motion: { kind: 'general' },
      topic: null,
      lastPosition: 50,
    });

    const opened = log.opened(p, ELECTORATE, CLOSES);
    await applyBatch(db.pool, proposalsProjection, [opened]);
    expect(await getProposal(db.pool, p)).toMatchObject({
      status: 'open',
      rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true },
      electorate: ELECTORATE,
      openedAt: opened.meta.occurredAt,
      closesAt: CLOSES,
      lastPosition: 51,
    });

    await applyBatch(db.pool, proposalsProjection, [log.vote(p, v1, 'yes')]);
    await applyBatch(db.pool, proposalsProjection, [log.vote(p, v2, 'no')]);
    expect((await getProposal(db.pool, p))!.tally).toEqual({ yes: 1, no: 1, abstain: 0 });
    // a changed vote moves one count, against a previous choice stored by an earlier batch
    const changed = log.vote(p, v2, 'abstain', 'no');
    await applyBatch(db.pool, proposalsProjection, [changed]);
    expect((await getProposal(db.pool, p))!.tally).toEqual({ yes: 1, no: 0, abstain: 1 });
    expect(await listProposalVotes(db.pool, p, { limit: 10, offset: 0 })).toEqual([
      { voterId: v1, choice: 'yes', position: 52, castAt: log.events[2]!.meta.occurredAt },
      { voterId: v2, choice: 'abstain', position: 54, castAt: changed.meta.occurredAt },
    ]);

    const closed = log.closed(p, 'no-quorum', { yes: 1, no: 0, abstain: 1 }, 30);
    await applyBatch(db.pool, proposalsProjection, [closed]);
    expect(await getProposal(db.pool, p)).toMatchObject({
      status: 'closed',
      closedAt: closed.meta.occurredAt,
      result: 'no-quorum',
      tally: { yes: 1, no: 0, abstain: 1 },
      electorate: { asOfPosition: 41, size: 30 },
      lastPosition: 55,
    });
  });

  it('folds a whole proposal life in one batch: 50 votes with changes, then closed', async () => {
    const log = new EventLog(1000);
    const p = newId();
    const voters = Array.from({ length: 12 }, () => newId());
    const choices: VoteChoice[] = ['yes', 'no', 'abstain'];
    log.drafted(p, newId(), 'Busy');
    log.opened(p, ELECTORATE, CLOSES);
    const current = new Map<string, VoteChoice>();
    for (let i = 0; i < 50; i++) {
      const voter = voters[(i * 7) % voters.length]!;
      const choice = choices[(i * 5 + 1) % 3]!;
      log.vote(p, voter, choice, current.get(voter) ?? null);
      current.set(voter, choice);
      if (i % 10 === 0) log.other();
    }
    const tally = { yes: 0, no: 0, abstain: 0 };
    for (const c of current.values()) tally[c] += 1;
    expect(tally.yes + tally.no + tally.abstain).toBe(12);

    // open and voted in one batch: the live tally
    const beforeClose = log.events.length;
    expect(await applyBatch(db.pool, proposalsProjection, log.events)).toBeLessThanOrEqual(3);
    const live = await getProposal(db.pool, p);
    expect(live).toMatchObject({ status: 'open', tally, lastPosition: log.nextPosition - 1 });
    const votes = await listProposalVotes(db.pool, p, { limit: 100, offset: 0 });
    expect(votes).toHaveLength(12);
    expect(Object.fromEntries(votes.map((v) => [v.voterId, v.choice]))).toEqual(Object.fromEntries(current));

    // the same life and its close in one batch, from empty tables
    await truncate(db.pool, proposalsProjection);
    log.closed(p, 'passed', tally, 30);
    await applyBatch(db.pool, proposalsProjection, log.events);
    expect(await getProposal(db.pool, p)).toMatchObject({ status: 'closed', result: 'passed', tally, lastPosition: log.nextPosition - 1 });
    expect(log.events.length).toBeGreaterThan(beforeClose);
  });

  it('gives the same rows whether the history comes in one batch or many small ones', async () => {
    const log = new EventLog();
    const ps = Array.from({ length: 4 }, () => newId());
    const voters = Array.from({ length: 6 }, () => newId());
    ps.forEach((p, i) => log.drafted(p, voters[i]!, `P${i}`));
    ps.slice(0, 3).forEach((p) => log.opened(p, ELECTORATE, CLOSES));
    const current = new Map<string, VoteChoice>();
    for (let i = 0; i < 60; i++) {
      const p = ps[i % 3]!;
      const voter = voters[(i * 5) % 6]!;
      const key = `${p}/${voter}`;
      const choice = (['yes', 'no', 'abstain'] as const)[(i * 7) % 3]!;
      log.vote(p, voter, choice, current.get(key) ?? null);
      current.set(key, choice);
    }
    log.closed(ps[0]!, 'rejected', { yes: 1, no: 3, abstain: 2 }, 30);

    await applyBatch(db.pool, proposalsProjection, log.events);
    const whole = await snapshot(db.pool, proposalsProjection.tables);
    for (const size of [1, 2, 7]) {
      await truncate(db.pool, proposalsProjection);
      const batches = Array.from({ length: Math.ceil(log.events.length / size) }, (_, i) => log.events.slice(i * size, (i + 1) * size));
      await applyBatches(db.pool, proposalsProjection, batches);
      expect(await snapshot(db.pool, proposalsProjection.tables)).toEqual(whole);
    }
  });

  it('skips event types it does not handle and votes on proposals never drafted', async () => {
    const log = new EventLog();
    const p = newId();
    log.other();
    log.drafted(p, newId(), 'Only one');
    log.other('members.MemberRegistered');
    log.vote(newId(), newId(), 'yes');
    log.other('governance.SomethingLater');
    await applyBatch(db.pool, proposalsProjection, log.events);
    expect((await listProposals(db.pool, { limit: 10, offset: 0 })).map((x) => x.proposalId)).toEqual([p]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM read_models.proposal_votes')).rows[0].n).toBe(0);
  });

  it('applying the same batch twice changes nothing', async () => {
    const log = new EventLog();
    const p = newId();
    const v = newId();
    log.drafted(p, newId(), 'Twice');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, v, 'yes');
    log.vote(p, v, 'no', 'yes');
    await applyBatch(db.pool, proposalsProjection, log.events);
    const once = await snapshot(db.pool, proposalsProjection.tables);
    await applyBatch(db.pool, proposalsProjection, log.events);
    expect(await snapshot(db.pool, proposalsProjection.tables)).toEqual(once);
    expect((await getProposal(db.pool, p))!.tally).toEqual({ yes: 0, no: 1, abstain: 0 });
  });

  it('a later batch of votes only moves the tally, and applying it again changes nothing', async () => {
    const log = new EventLog();
    const p = newId();
    log.drafted(p, newId(), 'Tally');
    log.opened(p, ELECTORATE, CLOSES);
    await applyBatch(db.pool, proposalsProjection, log.events);
    const opened = (await snapshot(db.pool, ['proposals'])).proposals![0] as Record<string, unknown>;
    const votes = [log.vote(p, newId(), 'yes'), log.vote(p, newId(), 'abstain'), log.vote(p, newId(), 'yes')];
    await applyBatch(db.pool, proposalsProjection, votes);
    const voted = await snapshot(db.pool, proposalsProjection.tables);
    expect(voted.proposals).toEqual([{ ...opened, yes: 2, abstain: 1, last_position: String(votes[2]!.position) }]);
    await applyBatch(db.pool, proposalsProjection, votes);
    expect(await snapshot(db.pool, proposalsProjection.tables)).toEqual(voted);
  });

  it('lists proposals by status, newest first, and the open ones that are due', async () => {
    const log = new EventLog();
    const [a, b, c, d] = [newId(), newId(), newId(), newId()];
    log.drafted(a, newId(), 'A');
    log.drafted(b, newId(), 'B');
    log.drafted(c, newId(), 'C');
    log.drafted(d, newId(), 'D');
    log.opened(a, ELECTORATE, '2026-02-01T00:00:00.000Z');
    log.opened(b, ELECTORATE, '2026-02-03T00:00:00.000Z');
    log.opened(c, ELECTORATE, '2026-01-20T00:00:00.000Z');
    log.closed(c, 'no-quorum', { yes: 0, no: 0, abstain: 0 }, 30);
    await applyBatches(db.pool, proposalsProjection, [log.events.slice(0, 3), log.events.slice(3)]);

    const titles = (xs: { title: string }[]) => xs.map((x) => x.title);
    expect(titles(await listProposals(db.pool, { limit: 10, offset: 0 }))).toEqual(['D', 'C', 'B', 'A']);
    expect(titles(await listProposals(db.pool, { limit: 2, offset: 1 }))).toEqual(['C', 'B']);
    expect(titles(await listProposals(db.pool, { status: 'open', limit: 10, offset: 0 }))).toEqual(['B', 'A']);
    expect(titles(await listProposals(db.pool, { status: 'drafted', limit: 10, offset: 0 }))).toEqual(['D']);
    const [closed] = await listProposals(db.pool, { status: 'closed', limit: 10, offset: 0 });
    expect(closed).toEqual({
      proposalId: c,
      authorId: expect.any(String),
      title: 'C',
      status: 'closed',
      draftedAt: log.events[2]!.meta.occurredAt,
      submittedAt: null,
      openedAt: log.events[6]!.meta.occurredAt,
      closesAt: '2026-01-20T00:00:00.000Z',
      closedAt: log.events[7]!.meta.occurredAt,
      endedAt: null,
      tally: { yes: 0, no: 0, abstain: 0 },
      result: 'no-quorum',
      motion: { kind: 'general' },
      topic: null,
      lastPosition: 7,
    });

    expect(await listOpenProposalsDue(db.pool, new Date('2026-01-31T23:59:59.999Z'))).toEqual([]);
    expect(await listOpenProposalsDue(db.pool, new Date('2026-02-01T00:00:00.000Z'))).toEqual([a]);
    expect(await listOpenProposalsDue(db.pool, new Date('2027-01-01T00:00:00.000Z'))).toEqual([a, b]);
    expect(await getProposal(db.pool, newId())).toBeNull();
    expect(await getProposal(db.pool, 'nope')).toBeNull();
  });

  it('follows the lifecycle beside the vote: revised, submitted, withdrawn, cancelled; lists each status', async () => {
    const log = new EventLog(100);
    const [revised, submitted, withdrawn, cancelled, author, steward] = [newId(), newId(), newId(), newId(), newId(), newId()];
    log.drafted(revised, author, 'Draft one');
    const revision = log.revised(revised, author, 'Draft one, revised', { ...RULES, quorumBps: 3333, allowVoteChange: false });
    log.drafted(submitted, author, 'Submitted');
    const submission = log.submitted(submitted, author);
    log.drafted(withdrawn, author, 'Withdrawn');
    log.submitted(withdrawn, author);
    log.opened(withdrawn, ELECTORATE, CLOSES);
    const withdrawal = log.withdrawn(withdrawn, author);
    log.drafted(cancelled, author, 'Cancelled');
    log.submitted(cancelled, author);
    log.opened(cancelled, ELECTORATE, CLOSES);
    log.vote(cancelled, newId(), 'no');
    const cancellation = log.cancelled(cancelled, steward, 'Decided by the assembly already.');
    await applyBatches(db.pool, proposalsProjection, [log.events.slice(0, 4), log.events.slice(4, 9), log.events.slice(9)]);

    expect(await getProposal(db.pool, revised)).toMatchObject({
      status: 'drafted',
      title: 'Draft one, revised',
      body: 'Body of Draft one, revised',
      rules: { quorumBps: 3333, allowVoteChange: false },
      revisions: 1,
      lastPosition: revision.position,
    });
    expect(await getProposal(db.pool, submitted)).toMatchObject({ status: 'submitted', submittedAt: submission.meta.occurredAt, revisions: 0, endedAt: null });
    expect(await getProposal(db.pool, withdrawn)).toMatchObject({ status: 'withdrawn', endedAt: withdrawal.meta.occurredAt, cancellation: null, result: null });
    expect(await getProposal(db.pool, cancelled)).toMatchObject({
      status: 'cancelled',
      endedAt: cancellation.meta.occurredAt,
      cancellation: { cancelledBy: steward, reason: 'Decided by the assembly already.' },
      tally: { yes: 0, no: 1, abstain: 0 },
      result: null,
    });
    for (const [status, title] of [
      ['drafted', 'Draft one, revised'],
      ['submitted', 'Submitted'],
      ['withdrawn', 'Withdrawn'],
      ['cancelled', 'Cancelled'],
    ] as const) {
      expect((await listProposals(db.pool, { status, limit: 10, offset: 0 })).map((x) => x.title)).toEqual([title]);
    }
    // ended proposals are never due for a close
    expect(await listOpenProposalsDue(db.pool, new Date('2030-01-01T00:00:00.000Z'))).toEqual([]);
  });

  it('shows the motion, topic, and direct and delegated tally of a version 2 history; a lapsed result', async () => {
    const log = new EventLog(300);
    const [p, q, author, target] = [newId(), newId(), newId(), newId()];
    const motion = { kind: 'no-confidence', memberId: target, role: 'steward' };
    const v2 = <E extends { schemaVersion: number; data: unknown }>(event: E, data: object): E => Object.assign(event, { schemaVersion: 2, data: { ...(event.data as object), ...data } });
    v2(log.drafted(p, author, 'No confidence', { ...RULES, thresholdBps: 6667 }), { motion, topic: 'stewardship' });
    log.opened(p, ELECTORATE, CLOSES, { ...RULES, thresholdBps: 6667 });
    log.vote(p, newId(), 'yes');
    v2(log.closed(p, 'passed', { yes: 4, no: 1, abstain: 0 }, 30), {
      direct: { yes: 1, no: 1, abstain: 0 },
      delegated: { yes: 3, no: 0, abstain: 0 },
      delegationsAsOfPosition: 301,
    });
    v2(log.drafted(q, author, 'Grant'), { motion: { kind: 'grant-role', memberId: target, role: 'verifier' }, topic: null });
    log.opened(q, ELECTORATE, CLOSES);
    v2(log.closed(q, 'lapsed', { yes: 2, no: 0, abstain: 0 }, 30), {
      direct: { yes: 2, no: 0, abstain: 0 },
      delegated: { yes: 0, no: 0, abstain: 0 },
      delegationsAsOfPosition: 305,
    });
    await applyBatches(db.pool, proposalsProjection, [log.events.slice(0, 2), log.events.slice(2)]);
    expect(await getProposal(db.pool, p)).toMatchObject({
      status: 'closed',
      result: 'passed',
      motion,
      topic: 'stewardship',
      tally: { yes: 4, no: 1, abstain: 0 },
      direct: { yes: 1, no: 1, abstain: 0 },
      delegated: { yes: 3, no: 0, abstain: 0 },
      delegationsAsOfPosition: 301,
    });
    expect(await getProposal(db.pool, q)).toMatchObject({ result: 'lapsed', motion: { kind: 'grant-role', role: 'verifier' }, topic: null });
    expect((await listProposals(db.pool, { limit: 10, offset: 0 })).map((s) => [s.title, s.topic, s.motion.kind])).toEqual([
      ['Grant', null, 'grant-role'],
      ['No confidence', 'stewardship', 'no-confidence'],
    ]);
  });

  it('stores the same rows when a first vote finds a row after all (a log that contradicts itself)', async () => {
    const log = new EventLog(400);
    const p = newId();
    const [a, b] = [newId(), newId()];
    log.drafted(p, newId(), 'Contradiction');
    log.opened(p, ELECTORATE, CLOSES);
    log.vote(p, a, 'yes');
    await applyBatch(db.pool, proposalsProjection, log.events);
    // a votes again as if for the first time, and b twice so in one batch
    const batch = [log.vote(p, a, 'no'), log.vote(p, b, 'yes'), log.vote(p, b, 'abstain'), log.vote(p, newId(), 'no')];
    await applyBatch(db.pool, proposalsProjection, batch);
    const stored = await snapshot(db.pool, proposalsProjection.tables);
    // the tally counts every vote of the log, as the fold does; each voter keeps their latest vote
    expect(await getProposal(db.pool, p)).toMatchObject({ tally: { yes: 2, no: 2, abstain: 1 }, lastPosition: batch[3]!.position });
    const votes = await listProposalVotes(db.pool, p, { limit: 10, offset: 0 });
    expect(Object.fromEntries(votes.map((v) => [v.voterId, v.choice]))).toMatchObject({ [a]: 'no', [b]: 'abstain' });
    expect(votes).toHaveLength(3);
    // the same history in one batch gives the same rows
    await truncate(db.pool, proposalsProjection);
    await applyBatch(db.pool, proposalsProjection, log.events);
    expect(await snapshot(db.pool, proposalsProjection.tables)).toEqual(stored);
  });

  it('a batch only partly applied before takes its new votes only', async () => {
    const log = new EventLog(500);
    const p = newId();
    log.drafted(p, newId(), 'Partly');
    log.opened(p, ELECTORATE, CLOSES);
    const votes = [log.vote(p, newId(), 'yes'), log.vote(p, newId(), 'no'), log.vote(p, newId(), 'yes')];
    await applyBatches(db.pool, proposalsProjection, [log.events.slice(0, 3)]);
    const [v1, v2] = [newId(), newId()];
    const batch = [...votes, log.vote(p, v1, 'abstain'), log.vote(p, v2, 'no'), log.vote(p, v1, 'yes', 'abstain')];
    await applyBatch(db.pool, proposalsProjection, batch);
    expect(await getProposal(db.pool, p)).toMatchObject({ tally: { yes: 3, no: 2, abstain: 0 }, lastPosition: batch[5]!.position });
    expect(await listProposalVotes(db.pool, p, { limit: 10, offset: 0 })).toHaveLength(5);
  });
});
