import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { ActDto } from '../api/act.dto.js';
import { CAST_VOTE, CastVoteRequest } from '../commands/governance/cast-vote/cast-vote.handler.js';
import { CloseProposalRequest } from '../commands/governance/close-proposal/close-proposal.handler.js';
import { DRAFT_PROPOSAL, DraftProposalRequest, draftProposalSignedFields } from '../commands/governance/draft-proposal/draft-proposal.handler.js';
import { OPEN_PROPOSAL, OpenProposalRequest } from '../commands/governance/open-proposal/open-proposal.handler.js';
import { POST_COMMENT, PostCommentRequest, postCommentSignedFields } from '../commands/governance/post-comment/post-comment.handler.js';
import { RETRACT_COMMENT, RetractCommentRequest } from '../commands/governance/retract-comment/retract-comment.handler.js';
import { demoElectionSteps } from './demo-election.js';
import { demoRecordsAndContractsSteps } from './demo-records-contracts.js';
import { demoRolesAndModerationSteps, type CarryOut } from './demo-roles-moderation.js';
import { REVISE_PROPOSAL, ReviseProposalRequest, reviseProposalSignedFields } from '../commands/governance/revise-proposal/revise-proposal.handler.js';
import { SUBMIT_PROPOSAL, SubmitProposalRequest } from '../commands/governance/submit-proposal/submit-proposal.handler.js';
import { BootstrapStewardRequest } from '../commands/members/grant-role/bootstrap-steward.handler.js';
import { REGISTER_KEY, RegisterKeyRequest } from '../commands/members/register-key/register-key.handler.js';
import { RegisterMemberRequest } from '../commands/members/register-member/register-member.handler.js';
import { VERIFY_MEMBER, VerifyMemberRequest } from '../commands/members/verify-member/verify-member.handler.js';
import { resultOf, tallyVotes } from '../commands/governance/proposal-result.js';
import { metaAt } from '../commands/shared/command-meta.js';
import { RuleBroken } from '../commands/shared/domain-errors.js';
import { keyIdOf, rawPublicKey, signAct } from '../commands/shared/signed-act.js';
import { systemClock, type Clock } from '../config/clock.js';
import type { ProposalResult, VoteChoice } from '../events/governance/proposal-events.js';

/**
 * The demo community: who is in it. DEMO ONLY: these passwords are public (printed by
 * `civic demo seed` and in the app's log); never run the demo seed on a real community.
 */
export const DEMO_MEMBERS: readonly { handle: string; email: string; password: string }[] = [
  'asha',
  'ben',
  'chen',
  'dara',
  'eli',
  'farah',
  'gus',
  'hana',
  'ivo',
].map((handle, i) => ({ handle, email: `${handle}@demo.civic`, password: `demo-password-${i + 1}` }));

/** How far back the demo history starts: closed proposals closed days ago, open ones close days ahead. */
export const DEMO_HISTORY_DAYS = 21;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A clock the seed moves forward by hand: the demo's history happens in the past, in order. */
export class SimulatedClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  /** Jumps to `instant`; never backwards (events must happen in the order of their times). */
  advanceTo(instant: Date): Date {
    if (instant.getTime() < this.current) throw new Error(`demo seed: the simulated clock cannot go back to ${instant.toISOString()}`);
    this.current = instant.getTime();
    return this.now();
  }
}

interface DemoMember {
  handle: string;
  email: string;
  password: string;
  memberId: string;
  keyId: string;
  publicKey: string;
  privateKey: KeyObject;
}

export interface DemoSeedSummary {
  /** DEMO ONLY credentials: every demo member's login. */
  members: { handle: string; email: string; password: string; memberId: string; keyId: string; roles: string[] }[];
  proposals: { proposalId: string; title: string; status: 'drafted' | 'open' | 'closed'; result: ProposalResult | null; closesAt: string | null; votes: number }[];
  /** Where the simulated history started and ended. */
  from: string;
  to: string;
}

interface ProposalPlan {
  title: string;
  body: string;
  author: string;
  rules: { quorumBps: number; thresholdBps: number; allowVoteChange: boolean };
  /** Days after the start of the history. */
  draftedDay: number;
  /** Absent: stays a draft. */
  open?: { day: number; votingDays: number; votes: readonly (readonly [handle: string, choice: VoteChoice])[] };
  /** Closed by the system once its time is up (only for proposals whose time is up before now). */
  close?: boolean;
  /** The author rewrites the draft (only while it is drafted, so before it is opened). */
  revision?: { day: number; title: string; body: string };
  /** Comments, in time order; `replyTo` is the index of an earlier comment; `retractedDay` takes it back. */
  discussion?: readonly { day: number; by: string; body: string; replyTo?: number; retractedDay?: number }[];
}

/**
 * Electorate of 9 (everybody is verified before the first proposal opens). Results, recomputed by
 * the close: quorum is votes cast * 10000 >= quorumBps * 9, passing is yes * 10000 > thresholdBps * (yes + no).
 */
const PLANS: readonly ProposalPlan[] = [
  {
    title: 'Turn the north lot into a community garden',
    body: 'The empty lot behind the hall gets twelve raised beds, a tool shed and a rainwater tank. Beds are allotted by lottery each spring.',
    author: 'ben',
    rules: { quorumBps: 3000, thresholdBps: 5000, allowVoteChange: false },
    draftedDay: 1,
    open: {
      day: 1.1,
      votingDays: 7,
      votes: [['asha', 'yes'], ['ben', 'yes'], ['chen', 'yes'], ['dara', 'no'], ['eli', 'yes'], ['farah', 'yes'], ['gus', 'abstain'], ['hana', 'yes']],
    },
    discussion: [
      { day: 1.3, by: 'dara', body: 'Who waters the beds in August, when half of us are away?' },
      { day: 1.5, by: 'ben', body: 'A rota, like the library: two households a week, posted on the hall door.', replyTo: 0 },
      { day: 1.6, by: 'gus', body: 'Can the shed also hold the repair café tools?', retractedDay: 1.7 },
      { day: 2.0, by: 'dara', body: 'A rota helps, though I still think the lot should stay open ground.', replyTo: 1 },
    ],
    close: true,
  },
  {
    title: 'Replace the hall heating with a heat pump this winter',
    body: 'Take the whole reserve fund to replace the gas boiler before December, instead of waiting for the subsidy round in spring.',
    author: 'chen',
    rules: { quorumBps: 3000, thresholdBps: 5000, allowVoteChange: true },
    draftedDay: 2,
    open: {
      day: 2.1,
      votingDays: 7,
      votes: [['chen', 'yes'], ['ivo', 'yes'], ['asha', 'no'], ['ben', 'no'], ['dara', 'no'], ['eli', 'no'], ['farah', 'abstain'], ['hana', 'no']],
    },
    close: true,
  },
  {
    title: 'Monthly repair café on the first Saturday',
    body: 'Members bring broken things; volunteers fix them together. Needs two volunteers per session and the small room from 10 to 14.',
    author: 'dara',
    rules: { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: false },
    draftedDay: 3,
    open: { day: 3.1, votingDays: 7, votes: [['dara', 'yes'], ['gus', 'yes'], ['ivo', 'no']] },
    close: true,
  },
  {
    title: 'Extend the library opening hours to Sunday afternoons',
    body: 'Open the shared library from 14 to 18 on Sundays, staffed by a rota of volunteers; keys for the rota holders.',
    author: 'eli',
    rules: { quorumBps: 3000, thresholdBps: 5000, allowVoteChange: true },
    draftedDay: 16,
    open: { day: 16.1, votingDays: 8, votes: [['eli', 'yes'], ['asha', 'yes'], ['gus', 'no'], ['hana', 'abstain'], ['gus', 'yes']] },
    discussion: [
      { day: 16.3, by: 'hana', body: 'Sunday afternoons clash with the choir in the small room. Could the library use the hall corner?' },
      { day: 16.5, by: 'eli', body: 'Yes: the shelves are on wheels. I will add it to the rota notes.', replyTo: 0 },
    ],
  },
  {
    title: 'Install a bike repair station by the entrance',
    body: 'A public stand with a pump and tools on steel cables, paid from the maintenance budget.',
    author: 'farah',
    rules: { quorumBps: 2500, thresholdBps: 6000, allowVoteChange: false },
    draftedDay: 18,
    open: { day: 18.5, votingDays: 7, votes: [['farah', 'yes'], ['ben', 'yes'], ['chen', 'no']] },
  },
  {
    title: 'Solar panels on the hall roof',
    body: 'Draft: collecting quotes. 14 panels, about 5 kWp; the roof survey is due next month.',
    author: 'hana',
    rules: { quorumBps: 3000, thresholdBps: 6600, allowVoteChange: true },
    draftedDay: 20.5,
    revision: {
      day: 20.7,
      title: 'Solar panels on the hall roof, with a battery',
      body: 'Draft: collecting quotes. 14 panels, about 5 kWp, and a 10 kWh battery for the evening events; the roof survey is due next month.',
    },
  },
];

/**
 * Loads the demo community through the real command handlers, as its members would have built it:
 * registrations, keys, verifications by the steward, proposals drafted, opened, voted on and
 * closed. Every member act is signed by the member's (in-memory) key. Time comes through the
 * commands' metadata from a simulated clock that starts DEMO_HISTORY_DAYS before `clock.now()`
 * and only moves forward, so the closed proposals really closed in the past and the open ones
 * close days after the real now.
 */
export async function seedDemoCommunity(commands: CommandBus, clock: Clock = systemClock, carryOut: CarryOut): Promise<DemoSeedSummary> {
  const realNow = clock.now();
  const start = new Date(realNow.getTime() - DEMO_HISTORY_DAYS * DAY);
  const sim = new SimulatedClock(start);
  const dayAt = (day: number): Date => new Date(start.getTime() + day * DAY);
  /** The simulated instant of the next command; each one happens a few minutes after the previous. */
  const tick = (): Date => sim.advance(3 * MINUTE);

  const act = (member: DemoMember, command: string, fields: Record<string, unknown>, at: Date): ActDto => {
    const issuedAt = at.toISOString();
    const nonce = randomUUID();
    const { signature } = signAct({ command, actor: member.memberId, keyId: member.keyId, issuedAt, nonce, ...fields }, member.privateKey);
    return { keyId: member.keyId, issuedAt, nonce, signature };
  };

  // Members: registered, each with a key, the first one made steward, the others verified by her.
  const members = new Map<string, DemoMember>();
  const roles = new Map<string, string[]>();
  for (const [index, profile] of DEMO_MEMBERS.entries()) {
    const registeredAt = tick();
    const { memberId } = await commands.execute(new RegisterMemberRequest(profile.email, profile.password, profile.handle, metaAt('system', registeredAt)));
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = rawPublicKey(privateKey);
    const member: DemoMember = { ...profile, memberId, publicKey, keyId: keyIdOf(publicKey), privateKey };
    members.set(profile.handle, member);
    const keyAt = tick();
    await commands.execute(new RegisterKeyRequest(memberId, publicKey, act(member, REGISTER_KEY, { publicKey }, keyAt), metaAt(memberId, keyAt)));
    if (index === 0) {
      await commands.execute(new BootstrapStewardRequest(memberId, metaAt('system', tick())));
      roles.set(profile.handle, ['steward', 'verifier']);
    } else {
      const steward = members.get(DEMO_MEMBERS[0]!.handle)!;
      const verifiedAt = tick();
      const evidence = { method: 'in-person' as const, description: `met @${profile.handle} at the founding assembly` };
      await commands.execute(new VerifyMemberRequest(memberId, evidence, act(steward, VERIFY_MEMBER, { memberId }, verifiedAt), metaAt(steward.memberId, verifiedAt)));
      roles.set(profile.handle, []);
    }
  }
  const memberNamed = (handle: string): DemoMember => {
    const member = members.get(handle);
    if (!member) throw new Error(`demo seed: no demo member ${handle}`);
    return member;
  };

  // Proposals, in the order of their simulated times (the clock only moves forward).
  type Step = { at: Date; order: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const summaries: DemoSeedSummary['proposals'] = [];
  let order = 0;
  for (const plan of PLANS) {
    const proposalId = randomUUID();
    const author = memberNamed(plan.author);
    const summary: DemoSeedSummary['proposals'][number] = { proposalId, title: plan.title, status: 'drafted', result: null, closesAt: null, votes: 0 };
    summaries.push(summary);
    steps.push({
      at: dayAt(plan.draftedDay),
      order: order++,
      run: async () => {
        const at = tick();
        const draft = { proposalId, title: plan.title, body: plan.body, rules: plan.rules };
        await commands.execute(
          new DraftProposalRequest(proposalId, plan.title, plan.body, plan.rules, act(author, DRAFT_PROPOSAL, draftProposalSignedFields(draft), at), metaAt(author.memberId, at)),
        );
      },
    });
    const revision = plan.revision;
    if (revision) {
      steps.push({
        at: dayAt(revision.day),
        order: order++,
        run: async () => {
          const at = tick();
          const fields = { proposalId, title: revision.title, body: revision.body, rules: plan.rules };
          await commands.execute(
            new ReviseProposalRequest(proposalId, revision.title, revision.body, plan.rules, act(author, REVISE_PROPOSAL, reviseProposalSignedFields(fields), at), metaAt(author.memberId, at)),
          );
          summary.title = revision.title;
        },
      });
    }
    const commentIds = (plan.discussion ?? []).map(() => randomUUID());
    (plan.discussion ?? []).forEach((comment, i) => {
      const commentId = commentIds[i]!;
      const commenter = memberNamed(comment.by);
      const parentId = comment.replyTo === undefined ? null : commentIds[comment.replyTo]!;
      steps.push({
        at: dayAt(comment.day),
        order: order++,
        run: async () => {
          const at = tick();
          const fields = { proposalId, commentId, parentId, body: comment.body };
          await commands.execute(
            new PostCommentRequest(proposalId, commentId, parentId, comment.body, act(commenter, POST_COMMENT, postCommentSignedFields(fields), at), metaAt(commenter.memberId, at)),
          );
        },
      });
      if (comment.retractedDay !== undefined) {
        steps.push({
          at: dayAt(comment.retractedDay),
          order: order++,
          run: async () => {
            const at = tick();
            await commands.execute(new RetractCommentRequest(proposalId, commentId, act(commenter, RETRACT_COMMENT, { proposalId, commentId }, at), metaAt(commenter.memberId, at)));
          },
        });
      }
    });
    const open = plan.open;
    if (!open) continue;
    const closesAt = dayAt(open.day + open.votingDays);
    if (plan.close && closesAt.getTime() >= realNow.getTime()) throw new Error(`demo seed: "${plan.title}" would close in the future`);
    if (!plan.close && closesAt.getTime() <= realNow.getTime()) throw new Error(`demo seed: "${plan.title}" would already be due`);
    let closedEarly = false;
    steps.push({
      at: dayAt(open.day),
      order: order++,
      run: async () => {
        // Only a submitted proposal can be opened: its author submits the draft as final first.
        const submittedAt = tick();
        await commands.execute(new SubmitProposalRequest(proposalId, act(author, SUBMIT_PROPOSAL, { proposalId }, submittedAt), metaAt(author.memberId, submittedAt)));
        const at = tick();
        const fields = { proposalId, closesAt: closesAt.toISOString() };
        await commands.execute(new OpenProposalRequest(proposalId, fields.closesAt, act(author, OPEN_PROPOSAL, fields, at), metaAt(author.memberId, at)));
        summary.status = 'open';
        summary.closesAt = fields.closesAt;
      },
    });
    // Votes spread over the first part of the voting time, and always before the real now.
    const lastVoteAt = Math.min(dayAt(open.day + open.votingDays * 0.7).getTime(), realNow.getTime() - 3 * HOUR);
    const firstVoteAt = dayAt(open.day).getTime() + 2 * HOUR;
    const spacing = (lastVoteAt - firstVoteAt) / Math.max(1, open.votes.length - 1);
    const choices = new Map<string, VoteChoice>();
    open.votes.forEach(([handle, choice], i) => {
      steps.push({
        at: new Date(firstVoteAt + i * spacing),
        order: order++,
        run: async () => {
          if (closedEarly) return;
          const voter = memberNamed(handle);
          const at = tick();
          const fields = { proposalId, choice };
          try {
            await commands.execute(new CastVoteRequest(proposalId, choice, act(voter, CAST_VOTE, fields, at), metaAt(voter.memberId, at)));
          } catch (error) {
            // A closer of another process may close a past-due proposal before its votes are in.
            if (plan.close && error instanceof RuleBroken && error.code === 'vote-after-close') {
              closedEarly = true;
              return;
            }
            throw error;
          }
          choices.set(handle, choice);
          summary.votes = choices.size;
        },
      });
    });
    if (plan.close) {
      steps.push({
        at: new Date(closesAt.getTime() + MINUTE),
        order: order++,
        run: async () => {
          try {
            await commands.execute(new CloseProposalRequest(proposalId, metaAt('system', sim.now())));
          } catch (error) {
            if (!(error instanceof RuleBroken && error.code === 'already-closed')) throw error;
          }
          summary.status = 'closed';
          // What the close computed: every demo member was verified before the first proposal opened.
          summary.result = resultOf(tallyVotes(Object.fromEntries(choices)), DEMO_MEMBERS.length, plan.rules);
        },
      });
    }
  }
  steps.push(...demoElectionSteps({ commands, memberNamed, act, tick, dayAt, now: () => sim.now(), carryOut }, order));
  steps.push(...demoRecordsAndContractsSteps({ commands, memberNamed, act, tick, dayAt }, order + 1_000));
  const proposalIdOf = (title: string): string => {
    const found = summaries.find((p) => p.title === title);
    if (!found) throw new Error(`demo seed: no demo proposal titled ${title}`);
    return found.proposalId;
  };
  steps.push(...demoRolesAndModerationSteps({ commands, memberNamed, act, tick, dayAt, now: () => sim.now(), carryOut, proposalIdOf, track: (p) => void summaries.push(p) }, order + 2_000));
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const step of steps) {
    if (step.at.getTime() > sim.now().getTime()) sim.advanceTo(step.at);
    await step.run();
  }
  if (sim.now().getTime() > realNow.getTime()) throw new Error('demo seed: the simulated history ran past the real now');

  return {
    members: [...members.values()].map((m) => ({ handle: m.handle, email: m.email, password: m.password, memberId: m.memberId, keyId: m.keyId, roles: roles.get(m.handle) ?? [] })),
    proposals: summaries,
    from: start.toISOString(),
    to: sim.now().toISOString(),
  };
}
