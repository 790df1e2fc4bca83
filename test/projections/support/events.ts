import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '../../../src/events/envelope.js';
import type { ProposalResult, ProposalRules, Tally, VoteChoice } from '../../../src/events/governance/proposal-events.js';
import type { Role } from '../../../src/events/members/member-events.js';

export const RULES: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };

/**
 * Builds envelopes as the store would hand them to a projection: positions increasing from
 * `from`, revisions per stream, and a clock that moves one minute per event unless told otherwise.
 */
export class EventLog {
  private position: number;
  private clock: number;
  private readonly revisions = new Map<string, number>();
  readonly events: EventEnvelope[] = [];

  constructor(from = 0, start = Date.parse('2026-01-05T09:00:00.000Z')) {
    this.position = from;
    this.clock = start;
  }

  /** Sets the clock for the next events (e.g. to make a proposal close in another month). */
  at(instant: string): this {
    this.clock = Date.parse(instant);
    return this;
  }

  get nextPosition(): number {
    return this.position;
  }

  append<D>(stream: string, type: string, data: D, actor = 'system'): EventEnvelope<string, D> {
    const revision = this.revisions.get(stream) ?? 0;
    this.revisions.set(stream, revision + 1);
    const id = uuidv7();
    const event: EventEnvelope<string, D> = {
      id,
      stream,
      revision,
      position: this.position++,
      type,
      schemaVersion: 1,
      data,
      meta: { actor, correlationId: id, causationId: id, occurredAt: new Date(this.clock).toISOString() },
    };
    this.clock += 60_000;
    this.events.push(event);
    return event;
  }

  // members
  registered(memberId: string, handle: string) {
    return this.append(`member-${memberId}`, 'members.MemberRegistered', { memberId, handle }, memberId);
  }
  keyRegistered(memberId: string, keyId: string, publicKey = `pk-${keyId}`) {
    return this.append(`member-${memberId}`, 'members.KeyRegistered', { memberId, keyId, publicKey }, memberId);
  }
  verified(memberId: string, verifierId: string) {
    return this.append(`member-${memberId}`, 'members.MemberVerified', { memberId, verifierId }, verifierId);
  }
  roleGranted(memberId: string, role: Role) {
    return this.append(`member-${memberId}`, 'members.RoleGranted', { memberId, role, grant: { kind: 'bootstrap' } });
  }

  // governance
  drafted(proposalId: string, authorId: string, title: string, rules: ProposalRules = RULES) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalDrafted', { proposalId, authorId, title, body: `Body of ${title}`, rules }, authorId);
  }
  revised(proposalId: string, authorId: string, title: string, rules: ProposalRules = RULES) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalRevised', { proposalId, revisedBy: authorId, title, body: `Body of ${title}`, rules }, authorId);
  }
  submitted(proposalId: string, authorId: string) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalSubmitted', { proposalId, submittedBy: authorId }, authorId);
  }
  withdrawn(proposalId: string, authorId: string) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalWithdrawn', { proposalId, withdrawnBy: authorId }, authorId);
  }
  cancelled(proposalId: string, stewardId: string, reason: string) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalCancelled', { proposalId, cancelledBy: stewardId, reason }, stewardId);
  }
  commentPosted(proposalId: string, commentId: string, parentId: string | null, authorId: string, body = `Comment ${commentId.slice(-4)}`) {
    return this.append(`proposal-comments-${proposalId}`, 'governance.CommentPosted', { commentId, proposalId, parentId, authorId, body }, authorId);
  }
  commentRetracted(proposalId: string, commentId: string, authorId: string) {
    return this.append(`proposal-comments-${proposalId}`, 'governance.CommentRetracted', { commentId, proposalId, retractedBy: authorId }, authorId);
  }
  opened(proposalId: string, electorate: { asOfPosition: number; size: number }, closesAt: string, rules: ProposalRules = RULES) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalOpened', { proposalId, openedBy: 'system', closesAt, rules, electorate });
  }
  vote(proposalId: string, voterId: string, choice: VoteChoice, previousChoice: VoteChoice | null = null) {
    return this.append(`proposal-${proposalId}`, 'governance.VoteCast', { proposalId, voterId, choice, previousChoice }, voterId);
  }
  closed(proposalId: string, result: ProposalResult, tally: Tally, electorateSize: number) {
    return this.append(`proposal-${proposalId}`, 'governance.ProposalClosed', { proposalId, result, tally, electorateSize });
  }

  /** An event of a type none of these projections handles. */
  other(type = 'transactions.TransactionRecorded') {
    return this.append(`other-${uuidv7()}`, type, { proposalId: uuidv7(), memberId: uuidv7(), amount: 1 });
  }
}

export const newId = (): string => uuidv7();

/** Splits `events` into consecutive batches of the given sizes, cycling through them. */
export function chunk<T>(events: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < events.length; k++) {
    const size = sizes[k % sizes.length]!;
    out.push(events.slice(i, i + size));
    i += size;
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so generated histories are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The result a closer would publish (the projections only copy it). */
export function resultOf(tally: Tally, electorateSize: number, rules: ProposalRules = RULES): ProposalResult {
  const cast = tally.yes + tally.no + tally.abstain;
  if (cast * 10_000 < rules.quorumBps * electorateSize) return 'no-quorum';
  return tally.yes * 10_000 > rules.thresholdBps * (tally.yes + tally.no) ? 'passed' : 'rejected';
}

/**
 * A whole community's history: members registering keys, verified and granted roles; proposals
 * drafted, opened, voted on with changed votes, and mostly closed across several months; with
 * events of other domains mixed in.
 */
export function communityHistory(seed = 1): EventLog {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const log = new EventLog();
  const members = Array.from({ length: 24 }, () => newId());
  const choices: VoteChoice[] = ['yes', 'no', 'abstain'];
  members.forEach((m, i) => {
    log.registered(m, `member${i}`);
    log.keyRegistered(m, `key-${i}-a`);
    if (i % 3 === 0) log.keyRegistered(m, `key-${i}-b`);
    if (rnd() < 0.3) log.other();
  });
  log.roleGranted(members[0]!, 'steward');
  log.roleGranted(members[0]!, 'verifier');
  members.slice(1, 20).forEach((m) => log.verified(m, members[0]!));
  log.roleGranted(members[1]!, 'moderator');
  log.roleGranted(members[1]!, 'moderator');

  const months = ['2026-02-03T10:00:00.000Z', '2026-03-10T10:00:00.000Z', '2026-04-14T10:00:00.000Z'];
  for (let p = 0; p < 7; p++) {
    const id = newId();
    const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 1000 + p * 1000, thresholdBps: 5000, allowVoteChange: p % 2 === 0 };
    log.at(months[p % months.length]!);
    log.drafted(id, pick(members), `Proposal ${p}`, { ...rules, quorumBps: 9999 });
    if (p === 6) continue; // stays a draft
    const electorate = { asOfPosition: log.nextPosition - 1, size: 19 };
    log.opened(id, electorate, new Date(Date.parse(months[p % months.length]!) + 7 * 86_400_000).toISOString(), rules);
    const current = new Map<string, VoteChoice>();
    const votes = 10 + Math.floor(rnd() * 30);
    for (let v = 0; v < votes; v++) {
      const voter = pick(members.slice(1, 20));
      const previous = current.get(voter) ?? null;
      if (previous !== null && !rules.allowVoteChange) continue;
      const choice = pick(choices);
      current.set(voter, choice);
      log.vote(id, voter, choice, previous);
      if (rnd() < 0.1) log.other();
    }
    if (p === 5) continue; // still open
    const tally: Tally = { yes: 0, no: 0, abstain: 0 };
    for (const c of current.values()) tally[c] += 1;
    log.closed(id, resultOf(tally, electorate.size, rules), tally, electorate.size);
  }
  return log;
}
