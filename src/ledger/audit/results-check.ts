import { decideCloseProposal } from '../../commands/governance/close-proposal/close-proposal.decide.js';
import type { Delegations } from '../../commands/governance/delegation-resolution.js';
import { evolveDelegations, initialDelegationState, type DelegationHistoryEvent } from '../../commands/governance/delegation.state.js';
import { motionMemberId, type MotionTarget } from '../../commands/governance/motion.js';
import { proposalModel } from '../../commands/governance/proposal-model.js';
import type { OpenProposalState, ProposalState } from '../../commands/governance/proposal.state.js';
import { isInElectorate, voterFrom } from '../../commands/governance/voter.js';
import { evolveMember, initialMemberState, type MemberState } from '../../commands/members/member.state.js';
import { metaAt } from '../../commands/shared/command-meta.js';
import { canonicalJson } from '../../events/canonical.js';
import type { EventEnvelope, Recorded } from '../../events/envelope.js';
import type { DelegationEvent } from '../../events/governance/delegation-events.js';
import { proposalStream, type ProposalClosed, type ProposalEvent, type Tally } from '../../events/governance/proposal-events.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { upcastEvent } from '../../events/registry.js';
import { ElectionResultsChecker } from './election-results-check.js';

/** A finding of the results check: the message names the ledger index of the event at fault. */
export interface ResultMismatch {
  index: number;
  message: string;
}

/** What the log says a closed proposal decided, for comparison with the published decision log. */
export interface ClosedOnLog {
  index: number;
  proposalId: string;
  result: string;
  tally: Tally;
  delegated: Tally;
  electorateSize: number;
}

/** The fields of a published decision-log entry the check compares. */
export interface PublishedDecision {
  proposalId: string;
  result: string;
  tally: Tally;
  delegated?: Tally;
  electorateSize: number;
  closedPosition: number;
}

interface MemberTimeline {
  state: MemberState;
  verifiedAt: number | null;
  leftAt: number | null;
}

/**
 * Recomputes every proposal's result (and, through `elections`, every election's count) from the events alone, as the log streams by, with the same
 * pure code the server decides with (the proposal and member write models, the delegation graph,
 * `decideCloseProposal`). Checks each opening's electorate size and each close's result and
 * tallies; afterwards, `compareWithDecisionLog` checks the published decision log against them.
 * Memory: one state per member and per open proposal, and the delegation events.
 */
export class ResultsChecker {
  private readonly members = new Map<string, MemberTimeline>();
  private readonly proposals = new Map<string, ProposalState>();
  private readonly delegationEvents: (DelegationHistoryEvent & DelegationEvent)[] = [];
  readonly closed = new Map<string, ClosedOnLog>();
  proposalsRecomputed = 0;
  /** Elections are recounted from their ballots beside the proposals (compared with the log by `elections.compareWithElectionLog`). */
  readonly elections = new ElectionResultsChecker();

  /** Feeds the entry at ledger `index` (its envelope bytes); returns a mismatch when the log contradicts its own rules. */
  observe(index: number, entry: Buffer): ResultMismatch | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.toString('utf8'));
    } catch {
      return null;
    }
    return this.observeEnvelope(index, parsed);
  }

  /**
   * `observe` of an entry already parsed. The checker takes the value over: it sets its `position`
   * and keeps parts of it, so the caller must not use or change it afterwards.
   */
  observeEnvelope(index: number, parsed: unknown): ResultMismatch | null {
    let event: EventEnvelope;
    try {
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      (parsed as { position: number }).position = index;
      event = upcastEvent(parsed as EventEnvelope);
    } catch {
      return null; // a type or version this build does not know: the hash and signature checks still cover it
    }
    if (event.type.startsWith('members.')) this.observeMember(event as unknown as Recorded<MemberEvent> & EventEnvelope);
    else if (event.type === 'governance.VoteDelegated' || event.type === 'governance.DelegationRevoked') {
      this.delegationEvents.push({ type: event.type, data: event.data, position: event.position } as DelegationHistoryEvent & DelegationEvent);
    } else if (event.stream.startsWith('proposal-') && event.type.startsWith('governance.')) {
      return this.observeProposal(index, event);
    } else if (event.stream.startsWith('election-') && event.type.startsWith('governance.')) {
      return this.elections.observe(index, event);
    }
    return null;
  }

  private observeMember(event: Recorded<MemberEvent> & EventEnvelope): void {
    const memberId = (event.data as { memberId: string }).memberId;
    const timeline = this.members.get(memberId) ?? { state: initialMemberState, verifiedAt: null, leftAt: null };
    timeline.state = evolveMember(timeline.state, event);
    if (event.type === 'members.MemberVerified' && timeline.verifiedAt === null) timeline.verifiedAt = event.position;
    if (event.type === 'members.MemberLeft') timeline.leftAt = event.position;
    this.members.set(memberId, timeline);
  }

  private observeProposal(index: number, event: EventEnvelope): ResultMismatch | null {
    const proposalId = (event.data as { proposalId?: string }).proposalId;
    // Only the proposal's own stream: its comments live in `proposal-comments-<id>`, which the proposal model does not read.
    if (typeof proposalId !== 'string' || event.stream !== proposalStream(proposalId)) return null;
    const state = this.proposals.get(proposalId) ?? proposalModel.initialState;
    let mismatch: ResultMismatch | null = null;
    if (event.type === 'governance.ProposalOpened') mismatch = this.checkElectorate(index, event);
    if (event.type === 'governance.ProposalClosed') mismatch = this.checkClose(index, proposalId, state, event as unknown as Recorded<ProposalClosed> & EventEnvelope);
    const next = proposalModel.evolve(state, { type: event.type, data: event.data, position: event.position, ...(event.act ? { act: event.act } : {}) } as Parameters<typeof proposalModel.evolve>[1] & Recorded<ProposalEvent>);
    if (next.status === 'closed' || next.status === 'withdrawn' || next.status === 'cancelled') this.proposals.delete(proposalId);
    else this.proposals.set(proposalId, next);
    return mismatch;
  }

  /** The electorate is every member verified at or before the cut who had not left by then. */
  private checkElectorate(index: number, event: EventEnvelope): ResultMismatch | null {
    const { electorate } = event.data as { electorate: { asOfPosition: number; size: number } };
    let size = 0;
    for (const m of this.members.values()) {
      if (m.verifiedAt !== null && m.verifiedAt <= electorate.asOfPosition && (m.leftAt === null || m.leftAt > electorate.asOfPosition)) size++;
    }
    if (size === electorate.size) return null;
    return { index, message: `event ${index}: the proposal opened with an electorate of ${electorate.size}, but ${size} members were verified at position ${electorate.asOfPosition}` };
  }

  private checkClose(index: number, proposalId: string, state: ProposalState, event: Recorded<ProposalClosed> & EventEnvelope): ResultMismatch | null {
    const logged = event.data;
    if (state.status !== 'open') return { index, message: `event ${index}: proposal ${proposalId} closed while ${state.status}` };
    const graph = this.delegationsAsOf(logged.delegationsAsOfPosition ?? -1);
    const delegatorsInElectorate = new Set(
      [...graph.keys()].filter((id) => {
        if (Object.hasOwn(state.votes, id)) return false;
        const member = this.members.get(id)?.state;
        return member !== undefined && member.status !== 'none' && isInElectorate(voterFrom(member), state.electorate.asOfPosition);
      }),
    );
    let expected: ProposalClosed['data'];
    try {
      [{ data: expected }] = decideCloseProposal(state, {
        proposalId,
        delegations: { asOfPosition: logged.delegationsAsOfPosition ?? 0, graph },
        delegatorsInElectorate,
        target: this.motionTarget(state),
        meta: metaAt('system', new Date(event.meta.occurredAt)),
      }) as [ProposalClosed];
    } catch (error) {
      return { index, message: `event ${index}: proposal ${proposalId} could not have closed then: ${(error as Error).message}` };
    }
    this.proposalsRecomputed++;
    this.closed.set(proposalId, { index, proposalId, result: logged.result, tally: logged.tally, delegated: logged.delegated, electorateSize: logged.electorateSize });
    // Closes from before delegation record no position (upcast to null): nothing was delegated then.
    if (canonicalJson({ ...expected, delegationsAsOfPosition: logged.delegationsAsOfPosition }) === canonicalJson(logged)) return null;
    return {
      index,
      message:
        `event ${index}: proposal ${proposalId} closed as ${logged.result} with ${tallyText(logged.tally)}, ` +
        `but its votes and delegations on the log give ${expected.result} with ${tallyText(expected.tally)}`,
    };
  }

  private motionTarget(state: OpenProposalState): MotionTarget | null {
    const memberId = motionMemberId(state.motion);
    if (memberId === null) return null;
    const member = this.members.get(memberId)?.state;
    if (member === undefined || member.status === 'none') return { kind: 'no-member', memberId };
    return { kind: 'member', memberId, roles: member.roles };
  }

  private delegationsAsOf(position: number): Delegations {
    let state = initialDelegationState;
    for (const event of this.delegationEvents) {
      if (event.position > position) break;
      state = evolveDelegations(state, event);
    }
    return state.delegations;
  }

  /**
   * Every decision the log closed below `size` must be published exactly as decided, and every
   * published decision must be one the log made. Returns the first difference, by log index.
   */
  compareWithDecisionLog(published: readonly PublishedDecision[], size: number): ResultMismatch | null {
    const seen = new Set<string>();
    const findings: ResultMismatch[] = [];
    for (const entry of published) {
      if (entry.closedPosition >= size) continue; // decided after the checkpoint audited
      const onLog = this.closed.get(entry.proposalId);
      if (!onLog) {
        findings.push({ index: entry.closedPosition, message: `the decision log publishes proposal ${entry.proposalId} as closed at ${entry.closedPosition}, but the log holds no such close` });
        continue;
      }
      seen.add(entry.proposalId);
      const same =
        entry.closedPosition === onLog.index &&
        entry.result === onLog.result &&
        canonicalJson(entry.tally) === canonicalJson(onLog.tally) &&
        (entry.delegated === undefined || canonicalJson(entry.delegated) === canonicalJson(onLog.delegated)) &&
        entry.electorateSize === onLog.electorateSize;
      if (!same) {
        findings.push({
          index: onLog.index,
          message: `the decision log publishes proposal ${entry.proposalId} as ${entry.result} with ${tallyText(entry.tally)}, but event ${onLog.index} decided ${onLog.result} with ${tallyText(onLog.tally)}`,
        });
      }
    }
    for (const onLog of this.closed.values()) {
      if (!seen.has(onLog.proposalId)) findings.push({ index: onLog.index, message: `event ${onLog.index} closed proposal ${onLog.proposalId}, which the decision log does not publish` });
    }
    findings.sort((a, b) => a.index - b.index);
    return findings[0] ?? null;
  }
}

const tallyText = (t: Tally): string => `yes ${t.yes}, no ${t.no}, abstain ${t.abstain}`;
