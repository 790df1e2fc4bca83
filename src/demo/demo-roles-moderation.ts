import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { ActDto } from '../api/act.dto.js';
import { CAST_VOTE, CastVoteRequest } from '../commands/governance/cast-vote/cast-vote.handler.js';
import { CloseProposalRequest } from '../commands/governance/close-proposal/close-proposal.handler.js';
import { DELEGATE_VOTE, DelegateVoteRequest } from '../commands/governance/delegate-vote/delegate-vote.handler.js';
import { DRAFT_PROPOSAL, DraftProposalRequest, draftProposalSignedFields } from '../commands/governance/draft-proposal/draft-proposal.handler.js';
import { OPEN_PROPOSAL, OpenProposalRequest } from '../commands/governance/open-proposal/open-proposal.handler.js';
import { POST_COMMENT, PostCommentRequest, postCommentSignedFields } from '../commands/governance/post-comment/post-comment.handler.js';
import { SUBMIT_PROPOSAL, SubmitProposalRequest } from '../commands/governance/submit-proposal/submit-proposal.handler.js';
import { APPEAL_ACTION, AppealActionRequest, appealActionSignedFields } from '../commands/moderation/appeal-action/appeal-action.handler.js';
import { DECIDE_APPEAL, DecideAppealRequest, decideAppealSignedFields } from '../commands/moderation/decide-appeal/decide-appeal.handler.js';
import { REPORT_CONTENT, ReportContentRequest, reportContentSignedFields } from '../commands/moderation/report-content/report-content.handler.js';
import { TAKE_ACTION, TakeActionRequest, takeActionSignedFields } from '../commands/moderation/take-action/take-action.handler.js';
import { metaAt } from '../commands/shared/command-meta.js';
import { RuleBroken } from '../commands/shared/domain-errors.js';
import { proposalStream, type ProposalResult, type VoteChoice } from '../events/governance/proposal-events.js';
import type { ModerationTarget } from '../events/moderation/moderation-events.js';
import type { DemoStep } from './demo-election.js';

const HOUR = 3_600_000;

/** Carries out what a closed decision causes (the consequences manager's step, run at once) and returns the closing event's data. */
export type CarryOut = (stream: string, type: 'governance.ProposalClosed' | 'governance.ElectionClosed') => Promise<Record<string, unknown>>;

export interface DemoRolesContext<M extends { memberId: string }> {
  commands: CommandBus;
  memberNamed(handle: string): M;
  act(member: M, command: string, fields: Record<string, unknown>, at: Date): ActDto;
  tick(): Date;
  dayAt(day: number): Date;
  now(): Date;
  carryOut: CarryOut;
  /** The id of a proposal the main plan seeds, by its title when drafted. */
  proposalIdOf(title: string): string;
  /** Reports a proposal these steps seed, for the seed's summary. */
  track(summary: { proposalId: string; title: string; status: 'drafted' | 'open' | 'closed'; result: ProposalResult | null; closesAt: string | null; votes: number }): void;
}

interface MotionPlan {
  title: string;
  body: string;
  author: string;
  motion: { kind: 'grant-role' | 'no-confidence'; member: string; role: 'moderator' | 'arbiter' };
  topic?: string;
  rules: { quorumBps: number; thresholdBps: number; allowVoteChange: boolean };
  openDay: number;
  votingDays: number;
  votes: readonly (readonly [handle: string, choice: VoteChoice])[];
}

/**
 * Delegations before the role motions close: ivo → hana → eli for everything (a chain, and hana's
 * general delegation), gus → farah on the `roles` topic. None of the three vote on the first
 * motion, so its close counts their weight as delegated.
 */
const DELEGATIONS: readonly (readonly [from: string, to: string, topic: string | null])[] = [
  ['hana', 'eli', null],
  ['ivo', 'hana', null],
  ['gus', 'farah', 'roles'],
];

/**
 * Role motions, all passed and closed more than five days before now: farah becomes an arbiter
 * (with delegated weight), gus a third moderator, and chen, elected moderator but leaving for
 * months, loses the role by a motion of no confidence (two thirds).
 */
const MOTIONS: readonly MotionPlan[] = [
  {
    title: 'Make farah an arbiter for payment disputes',
    body: 'farah kept the accounts of the food co-op for six years; she would hear disputes over recorded payments.',
    author: 'asha',
    motion: { kind: 'grant-role', member: 'farah', role: 'arbiter' },
    topic: 'roles',
    rules: { quorumBps: 3000, thresholdBps: 5000, allowVoteChange: false },
    openDay: 11,
    votingDays: 3,
    votes: [['asha', 'yes'], ['ben', 'yes'], ['chen', 'no'], ['eli', 'yes'], ['farah', 'abstain']],
  },
  {
    title: 'Make gus a third moderator',
    body: 'Two moderators are not enough for the evening threads; gus offered to help.',
    author: 'dara',
    motion: { kind: 'grant-role', member: 'gus', role: 'moderator' },
    topic: 'roles',
    rules: { quorumBps: 3000, thresholdBps: 5000, allowVoteChange: false },
    openDay: 11.2,
    votingDays: 3,
    votes: [['dara', 'yes'], ['asha', 'yes'], ['ben', 'yes'], ['gus', 'yes'], ['chen', 'no']],
  },
  {
    title: 'No confidence in chen as moderator while abroad',
    body: 'chen is away for six months from the new year and cannot read reports within a day, as promised in the election.',
    author: 'hana',
    motion: { kind: 'no-confidence', member: 'chen', role: 'moderator' },
    rules: { quorumBps: 3000, thresholdBps: 6667, allowVoteChange: false },
    openDay: 12,
    votingDays: 3,
    votes: [['hana', 'yes'], ['asha', 'yes'], ['ben', 'yes'], ['dara', 'yes'], ['eli', 'yes'], ['farah', 'yes'], ['chen', 'no']],
  },
];

/** The library proposal of the main plan: ivo's comment on it is reported, hidden and appealed. */
export const LIBRARY_PROPOSAL_TITLE = 'Extend the library opening hours to Sunday afternoons';

export function demoRolesAndModerationSteps<M extends { memberId: string }>(ctx: DemoRolesContext<M>, firstOrder: number): DemoStep[] {
  const { commands, memberNamed, act, tick, dayAt } = ctx;
  let order = firstOrder;
  const steps: DemoStep[] = [];
  const step = (at: Date, run: () => Promise<void>): void => void steps.push({ at, order: order++, run });

  DELEGATIONS.forEach(([from, to, topic], i) => {
    step(new Date(dayAt(10.5).getTime() + i * HOUR), async () => {
      const delegator = memberNamed(from);
      const delegateId = memberNamed(to).memberId;
      const at = tick();
      await commands.execute(new DelegateVoteRequest(delegateId, topic, act(delegator, DELEGATE_VOTE, { delegateId, topic }, at), metaAt(delegator.memberId, at)));
    });
  });

  for (const plan of MOTIONS) {
    const proposalId = randomUUID();
    const author = memberNamed(plan.author);
    const closesAt = dayAt(plan.openDay + plan.votingDays).toISOString();
    const summary = { proposalId, title: plan.title, status: 'drafted' as 'drafted' | 'open' | 'closed', result: null as ProposalResult | null, closesAt: null as string | null, votes: 0 };
    ctx.track(summary);
    step(dayAt(plan.openDay), async () => {
      const motion = { kind: plan.motion.kind, memberId: memberNamed(plan.motion.member).memberId, role: plan.motion.role };
      const draftedAt = tick();
      const draft = { proposalId, title: plan.title, body: plan.body, rules: plan.rules, motion, ...(plan.topic !== undefined ? { topic: plan.topic } : {}) };
      await commands.execute(
        new DraftProposalRequest(
          proposalId,
          plan.title,
          plan.body,
          plan.rules,
          act(author, DRAFT_PROPOSAL, draftProposalSignedFields(draft), draftedAt),
          metaAt(author.memberId, draftedAt),
          motion,
          plan.topic,
        ),
      );
      const submittedAt = tick();
      await commands.execute(new SubmitProposalRequest(proposalId, act(author, SUBMIT_PROPOSAL, { proposalId }, submittedAt), metaAt(author.memberId, submittedAt)));
      const openedAt = tick();
      await commands.execute(new OpenProposalRequest(proposalId, closesAt, act(author, OPEN_PROPOSAL, { proposalId, closesAt }, openedAt), metaAt(author.memberId, openedAt)));
      summary.status = 'open';
      summary.closesAt = closesAt;
    });
    plan.votes.forEach(([handle, choice], i) => {
      step(new Date(dayAt(plan.openDay).getTime() + (i + 1) * 2 * HOUR), async () => {
        const voter = memberNamed(handle);
        const at = tick();
        await commands.execute(new CastVoteRequest(proposalId, choice, act(voter, CAST_VOTE, { proposalId, choice }, at), metaAt(voter.memberId, at)));
        summary.votes++;
      });
    });
    step(new Date(Date.parse(closesAt) + 60_000), async () => {
      try {
        await commands.execute(new CloseProposalRequest(proposalId, metaAt('system', ctx.now())));
      } catch (error) {
        // The proposal closer of another process may have closed it first.
        if (!(error instanceof RuleBroken && error.code === 'already-closed')) throw error;
      }
      // The role changes now, in the simulated history, so later steps can rely on it.
      const closed = await ctx.carryOut(proposalStream(proposalId), 'governance.ProposalClosed');
      summary.status = 'closed';
      summary.result = closed['result'] as ProposalResult;
    });
  }

  // Moderation: ivo's sharp comment is reported by hana, hidden by gus, appealed by ivo, and the
  // hide is overturned by dara, another moderator.
  const commentId = randomUUID();
  const reportId = randomUUID();
  const actionId = randomUUID();
  let target: ModerationTarget | undefined;
  const targetOf = (): ModerationTarget => (target ??= { kind: 'comment', proposalId: ctx.proposalIdOf(LIBRARY_PROPOSAL_TITLE), commentId });
  step(dayAt(16.8), async () => {
    const ivo = memberNamed('ivo');
    const { proposalId } = targetOf() as { proposalId: string };
    const body = 'Another rota that will collapse by March, like the last three. Who is going to count the keys this time?';
    const at = tick();
    const fields = { proposalId, commentId, parentId: null, body };
    await commands.execute(new PostCommentRequest(proposalId, commentId, null, body, act(ivo, POST_COMMENT, postCommentSignedFields(fields), at), metaAt(ivo.memberId, at)));
  });
  step(dayAt(17), async () => {
    const hana = memberNamed('hana');
    const fields = { reportId, target: targetOf(), category: 'harassment' as const, note: 'Mocks the volunteers of the last rota.' };
    const at = tick();
    await commands.execute(new ReportContentRequest(reportId, fields.target, fields.category, fields.note, act(hana, REPORT_CONTENT, reportContentSignedFields(fields), at), metaAt(hana.memberId, at)));
  });
  step(dayAt(17.2), async () => {
    const gus = memberNamed('gus');
    const fields = {
      actionId,
      target: targetOf(),
      kind: 'hide' as const,
      rule: 'Rule 2: criticise proposals, not people',
      reason: 'Belittles the volunteers of the previous rota.',
      until: null,
      resolves: [reportId],
    };
    const at = tick();
    await commands.execute(
      new TakeActionRequest(actionId, fields.target, fields.kind, fields.rule, fields.reason, null, fields.resolves, act(gus, TAKE_ACTION, takeActionSignedFields(fields), at), metaAt(gus.memberId, at)),
    );
  });
  step(dayAt(17.5), async () => {
    const ivo = memberNamed('ivo');
    const fields = { actionId, target: targetOf(), statement: 'I criticised how the rota worked, with no name in it. The question about the keys is a real one.' };
    const at = tick();
    await commands.execute(new AppealActionRequest(actionId, fields.target, fields.statement, act(ivo, APPEAL_ACTION, appealActionSignedFields(fields), at), metaAt(ivo.memberId, at)));
  });
  step(dayAt(18), async () => {
    const dara = memberNamed('dara');
    const fields = { actionId, target: targetOf(), outcome: 'overturned' as const, reason: 'Sharp, but about the plan, not a person: Rule 2 allows it. The comment is shown again.' };
    const at = tick();
    await commands.execute(
      new DecideAppealRequest(actionId, fields.target, fields.outcome, fields.reason, act(dara, DECIDE_APPEAL, decideAppealSignedFields(fields), at), metaAt(dara.memberId, at)),
    );
  });
  return steps;
}
