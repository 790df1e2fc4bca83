import type { CommandBus } from '@nestjs/cqrs';
import type { ActDto } from '../api/act.dto.js';
import { CALL_ELECTION, CallElectionRequest } from '../commands/governance/elections/call-election/call-election.handler.js';
import { CAST_BALLOT, CastBallotRequest } from '../commands/governance/elections/cast-ballot/cast-ballot.handler.js';
import { CloseElectionRequest } from '../commands/governance/elections/close-election/close-election.handler.js';
import { DECLARE_CANDIDACY, DeclareCandidacyRequest } from '../commands/governance/elections/declare-candidacy/declare-candidacy.handler.js';
import { WITHDRAW_CANDIDACY, WithdrawCandidacyRequest } from '../commands/governance/elections/withdraw-candidacy/withdraw-candidacy.handler.js';
import { metaAt } from '../commands/shared/command-meta.js';
import { RuleBroken } from '../commands/shared/domain-errors.js';
import { randomUUID } from 'node:crypto';
import { electionStream } from '../events/governance/election-events.js';

const HOUR = 3_600_000;

/** What the demo seed lends the election steps: its members, signing, and its simulated time. */
export interface DemoElectionContext<M extends { memberId: string }> {
  commands: CommandBus;
  memberNamed(handle: string): M;
  act(member: M, command: string, fields: Record<string, unknown>, at: Date): ActDto;
  /** The simulated instant of the next command. */
  tick(): Date;
  dayAt(day: number): Date;
  now(): Date;
  /** Carries out the election's consequences (the winners' role) at once, so later steps can rely on it. */
  carryOut?(stream: string, type: 'governance.ElectionClosed'): Promise<unknown>;
}

export interface DemoStep {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

/**
 * One closed STV election for two moderators, chosen so that its count shows every kind of round:
 * quota 4 of 9 ballots; dara is elected in round 1 with 5 and her surplus moves on at 0.2; gus is
 * eliminated; chen and eli tie and the earlier round sends eli out; chen, the last one
 * continuing, takes the second seat. ivo stands and withdraws before nominations close.
 */
const BALLOTS: readonly (readonly [voter: string, ranking: readonly string[]])[] = [
  ['asha', ['dara', 'chen']],
  ['ben', ['dara', 'eli']],
  ['chen', ['chen', 'dara']],
  ['dara', ['dara', 'gus']],
  ['eli', ['eli', 'chen']],
  ['farah', ['dara', 'chen']],
  ['gus', ['gus', 'eli']],
  ['hana', ['chen', 'eli']],
  ['ivo', ['dara', 'eli']],
];

export function demoElectionSteps<M extends { memberId: string }>(ctx: DemoElectionContext<M>, firstOrder: number): DemoStep[] {
  const { commands, memberNamed, act, tick, dayAt } = ctx;
  const electionId = randomUUID();
  const steward = memberNamed('asha');
  const nominationsCloseAt = dayAt(6).toISOString();
  const closesAt = dayAt(10).toISOString();
  let order = firstOrder;
  const steps: DemoStep[] = [];
  const step = (at: Date, run: () => Promise<void>): void => void steps.push({ at, order: order++, run });

  step(dayAt(4), async () => {
    const at = tick();
    const fields = { electionId, title: 'Moderators for the spring term', role: 'moderator', seats: 2, method: 'stv', nominationsCloseAt, closesAt };
    await commands.execute(new CallElectionRequest(fields, act(steward, CALL_ELECTION, fields, at), metaAt(steward.memberId, at)));
  });
  const statements: Record<string, string> = {
    chen: 'I read the reports within a day, and I explain every action I take.',
    dara: 'Moderation should be rare, public and reversible on appeal.',
    eli: 'I ran the library rota for two years; I can run this one too.',
    gus: 'I would rather talk to people before removing anything.',
    ivo: 'Happy to help if nobody else stands.',
  };
  Object.entries(statements).forEach(([handle, statement], i) => {
    step(new Date(dayAt(4.2).getTime() + i * HOUR), async () => {
      const candidate = memberNamed(handle);
      const at = tick();
      const fields = { electionId, statement };
      await commands.execute(new DeclareCandidacyRequest(electionId, statement, act(candidate, DECLARE_CANDIDACY, fields, at), metaAt(candidate.memberId, at)));
    });
  });
  step(dayAt(5.5), async () => {
    const ivo = memberNamed('ivo');
    const at = tick();
    await commands.execute(new WithdrawCandidacyRequest(electionId, act(ivo, WITHDRAW_CANDIDACY, { electionId }, at), metaAt(ivo.memberId, at)));
  });
  BALLOTS.forEach(([handle, ranking], i) => {
    step(new Date(dayAt(6.2).getTime() + i * 4 * HOUR), async () => {
      const voter = memberNamed(handle);
      const choices = ranking.map((h) => memberNamed(h).memberId);
      const at = tick();
      const fields = { electionId, choices };
      await commands.execute(new CastBallotRequest(electionId, choices, act(voter, CAST_BALLOT, fields, at), metaAt(voter.memberId, at)));
    });
  });
  step(new Date(Date.parse(closesAt) + 60_000), async () => {
    try {
      await commands.execute(new CloseElectionRequest(electionId, metaAt('system', ctx.now())));
    } catch (error) {
      // The election closer of another process may have counted it first.
      if (!(error instanceof RuleBroken && error.code === 'already-closed')) throw error;
    }
    await ctx.carryOut?.(electionStream(electionId), 'governance.ElectionClosed');
  });
  return steps;
}
