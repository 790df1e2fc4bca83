import type { EventEnvelope } from '../../events/envelope.js';
import { upcastEvent } from '../../events/registry.js';
import type {
  ProposalCancelled,
  ProposalClosed,
  ProposalDrafted,
  Motion,
  ProposalEvent,
  ProposalOpened,
  ProposalResult,
  ProposalRevised,
  ProposalSubmitted,
  ProposalWithdrawn,
  VoteCast,
  VoteChoice,
} from '../../events/governance/proposal-events.js';
import type { ProposalStatus } from '../../read-models/governance/proposal-row.js';

export type { ProposalStatus };

/** One row of read_models.proposals, as the fold sees it (positions as numbers, instants as ISO strings). */
export interface ProposalRow {
  proposalId: string;
  authorId: string;
  title: string;
  body: string;
  status: ProposalStatus;
  quorumBps: number;
  thresholdBps: number;
  allowVoteChange: boolean;
  /** What the proposal does once passed: general, or a role granted or revoked. */
  motion: Motion;
  topic: string | null;
  draftedAt: string;
  draftedPosition: number;
  /** How many times the author revised the draft. */
  revisions: number;
  submittedAt: string | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  electoratePosition: number | null;
  electorateSize: number | null;
  /** The live tally: every vote counted once, under its latest choice. */
  yes: number;
  no: number;
  abstain: number;
  /** The part of the tally that delegations carried, published at the close (0 before). */
  delegatedYes: number;
  delegatedNo: number;
  delegatedAbstain: number;
  /** The log position the close counted delegations at; null before the close or for closes older than delegation. */
  delegationsPosition: number | null;
  result: ProposalResult | null;
  withdrawnAt: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  /** The steward's public reason, once cancelled. */
  cancelReason: string | null;
  /** Position of the last event applied to this proposal (also guards against re-applying it). */
  lastPosition: number;
}

/** One row of read_models.proposal_votes: a voter's latest choice on a proposal. */
export interface VoteRow {
  proposalId: string;
  voterId: string;
  choice: VoteChoice;
  position: number;
  castAt: string;
}

export interface ProposalsChanges {
  /** Full new state of every proposal row the batch changed, in order of first change. */
  proposals: ProposalRow[];
  /** The latest vote in the batch of each (proposal, voter). */
  votes: VoteRow[];
}

export const PROPOSAL_EVENT_TYPES = [
  'governance.ProposalDrafted',
  'governance.ProposalRevised',
  'governance.ProposalSubmitted',
  'governance.ProposalOpened',
  'governance.VoteCast',
  'governance.ProposalClosed',
  'governance.ProposalWithdrawn',
  'governance.ProposalCancelled',
] as const satisfies readonly ProposalEvent['type'][];

const handled: ReadonlySet<string> = new Set(PROPOSAL_EVENT_TYPES);

export type ProposalEnvelope =
  | EventEnvelope<ProposalDrafted['type'], ProposalDrafted['data']>
  | EventEnvelope<ProposalRevised['type'], ProposalRevised['data']>
  | EventEnvelope<ProposalSubmitted['type'], ProposalSubmitted['data']>
  | EventEnvelope<ProposalWithdrawn['type'], ProposalWithdrawn['data']>
  | EventEnvelope<ProposalCancelled['type'], ProposalCancelled['data']>
  | EventEnvelope<ProposalOpened['type'], ProposalOpened['data']>
  | EventEnvelope<VoteCast['type'], VoteCast['data']>
  | EventEnvelope<ProposalClosed['type'], ProposalClosed['data']>;

/** The governance events of a batch that `types` names, in log order and current schema versions; other event types are dropped. */
export function proposalEventsOf(batch: readonly EventEnvelope[], types: ReadonlySet<string> = handled): ProposalEnvelope[] {
  return batch.filter((e) => types.has(e.type)).map((e) => upcastEvent(e)) as ProposalEnvelope[];
}

/** The proposal ids a batch touches: the rows to load before folding. */
export function proposalIdsOf(batch: readonly EventEnvelope[], types: ReadonlySet<string> = handled): string[] {
  return [...new Set(proposalEventsOf(batch, types).map((e) => e.data.proposalId))];
}

/** Instants as the read models store them. Consecutive events often share one (a batch written in one append): the last is remembered. */
let lastInstant: string | undefined;
let lastIso = '';
const iso = (instant: string): string => {
  if (instant !== lastInstant) {
    lastIso = new Date(instant).toISOString();
    lastInstant = instant;
  }
  return lastIso;
};

/**
 * Folds a batch onto the current rows of the proposals it touches, in memory and without I/O.
 *
 * - The tally is live: a vote adds one to its choice; a changed vote (previousChoice set) also
 *   takes one from the previous choice. ProposalClosed then sets the tally it published.
 * - The title, body and rules are those of the latest revision until the proposal opens, then
 *   the rules are those it opened with.
 * - Events at or below a row's `lastPosition` were applied already and are skipped, so applying
 *   the same batch twice changes nothing.
 * - Events about a proposal that was never drafted cannot come from the deciders; they are skipped.
 */
export function foldProposals(existing: ReadonlyMap<string, ProposalRow>, batch: readonly EventEnvelope[]): ProposalsChanges {
  return foldProposalEvents(existing, proposalEventsOf(batch));
}

/**
 * foldProposals over events already filtered and upcast. A batch of votes touches each of its
 * proposals thousands of times: a row is copied once, on its first change in the batch, and that
 * copy (the batch's own) is then changed in place; the rows of `existing` are never changed.
 */
export function foldProposalEvents(existing: ReadonlyMap<string, ProposalRow>, events: readonly ProposalEnvelope[]): ProposalsChanges {
  const rows = new Map<string, ProposalRow>();
  const votes = new Map<string, VoteRow>();

  for (const event of events) {
    const id = event.data.proposalId;
    const own = rows.get(id);
    const row = own ?? existing.get(id);
    if (event.type === 'governance.ProposalDrafted') {
      if (row !== undefined) continue; // drafted once; a repeat is already applied
      const { authorId, title, body, rules, motion, topic } = event.data;
      rows.set(id, {
        proposalId: id,
        authorId,
        title,
        body,
        status: 'drafted',
        quorumBps: rules.quorumBps,
        thresholdBps: rules.thresholdBps,
        allowVoteChange: rules.allowVoteChange,
        motion,
        topic,
        draftedAt: iso(event.meta.occurredAt),
        draftedPosition: event.position,
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
        delegatedYes: 0,
        delegatedNo: 0,
        delegatedAbstain: 0,
        delegationsPosition: null,
        result: null,
        withdrawnAt: null,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
        lastPosition: event.position,
      });
      continue;
    }
    if (row === undefined || event.position <= row.lastPosition) continue;
    if (own === undefined) rows.set(id, { ...row });
    const next = rows.get(id)!;
    switch (event.type) {
      case 'governance.ProposalRevised': {
        const { title, body, rules, motion, topic } = event.data;
        Object.assign(next, {
          title,
          body,
          motion,
          topic,
          quorumBps: rules.quorumBps,
          thresholdBps: rules.thresholdBps,
          allowVoteChange: rules.allowVoteChange,
          revisions: next.revisions + 1,
          lastPosition: event.position,
        } satisfies Partial<ProposalRow>);
        break;
      }
      case 'governance.ProposalSubmitted': {
        Object.assign(next, { status: 'submitted', submittedAt: iso(event.meta.occurredAt), lastPosition: event.position } satisfies Partial<ProposalRow>);
        break;
      }
      case 'governance.ProposalWithdrawn': {
        Object.assign(next, { status: 'withdrawn', withdrawnAt: iso(event.meta.occurredAt), lastPosition: event.position } satisfies Partial<ProposalRow>);
        break;
      }
      case 'governance.ProposalCancelled': {
        const { cancelledBy, reason } = event.data;
        Object.assign(next, { status: 'cancelled', cancelledAt: iso(event.meta.occurredAt), cancelledBy, cancelReason: reason, lastPosition: event.position } satisfies Partial<ProposalRow>);
        break;
      }
      case 'governance.ProposalOpened': {
        const { rules, closesAt, electorate } = event.data;
        Object.assign(next, {
          status: 'open',
          quorumBps: rules.quorumBps,
          thresholdBps: rules.thresholdBps,
          allowVoteChange: rules.allowVoteChange,
          openedAt: iso(event.meta.occurredAt),
          closesAt: iso(closesAt),
          electoratePosition: electorate.asOfPosition,
          electorateSize: electorate.size,
          lastPosition: event.position,
        } satisfies Partial<ProposalRow>);
        break;
      }
      case 'governance.VoteCast': {
        const { voterId, choice, previousChoice } = event.data;
        next.lastPosition = event.position;
        if (previousChoice !== null) next[previousChoice] -= 1;
        next[choice] += 1;
        votes.set(`${id} ${voterId}`, { proposalId: id, voterId, choice, position: event.position, castAt: iso(event.meta.occurredAt) });
        break;
      }
      case 'governance.ProposalClosed': {
        const { result, tally, delegated, electorateSize, delegationsAsOfPosition } = event.data;
        Object.assign(next, {
          status: 'closed',
          closedAt: iso(event.meta.occurredAt),
          result,
          yes: tally.yes,
          no: tally.no,
          abstain: tally.abstain,
          delegatedYes: delegated.yes,
          delegatedNo: delegated.no,
          delegatedAbstain: delegated.abstain,
          delegationsPosition: delegationsAsOfPosition,
          electorateSize,
          lastPosition: event.position,
        } satisfies Partial<ProposalRow>);
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled proposal event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return { proposals: [...rows.values()], votes: [...votes.values()] };
}

/** What the votes of a batch do to a proposal that gets nothing but votes in it: a change of its tally. */
export interface TallyDelta {
  proposalId: string;
  yes: number;
  no: number;
  abstain: number;
  /** Position of its first vote in the batch: the row takes the delta only if it stands before it. */
  firstPosition: number;
  lastPosition: number;
}

export interface VoteOnlyChanges {
  /** One per proposal that gets only votes in the batch, in order of its first vote. */
  deltas: TallyDelta[];
  /**
   * The votes on those proposals that were their voter's first on the proposal (no previous
   * choice), in log order: unless the log contradicts itself, no row holds their key yet, and no
   * two of them share one.
   */
  firstVotes: VoteRow[];
  /** The latest changed vote (previous choice set) of each (proposal, voter) on those proposals. */
  changedVotes: VoteRow[];
}

/**
 * The tally deltas and votes of the proposals a batch only votes on, without their rows. Applied
 * onto a row whose `lastPosition` is below the delta's `firstPosition` (every vote is then new to
 * it), they give what `foldProposalEvents` gives from the loaded row, the vote rows keeping the
 * latest vote of each voter; a proposal whose row is missing or already past that position is
 * folded from its row instead.
 */
export function voteOnlyChanges(events: readonly ProposalEnvelope[]): VoteOnlyChanges {
  // null: the proposal has other events in the batch, so its votes are folded with them.
  const deltas = new Map<string, TallyDelta | null>();
  const firstVotes: VoteRow[] = [];
  const changedVotes = new Map<string, VoteRow>();
  let folded = false;
  for (const event of events) {
    const id = event.data.proposalId;
    if (event.type !== 'governance.VoteCast') {
      if (deltas.get(id) !== null) deltas.set(id, null);
      folded = true;
      continue;
    }
    let delta = deltas.get(id);
    if (delta === null) continue;
    if (delta === undefined) {
      delta = { proposalId: id, yes: 0, no: 0, abstain: 0, firstPosition: event.position, lastPosition: event.position };
      deltas.set(id, delta);
    }
    const { voterId, choice, previousChoice } = event.data;
    delta[choice] += 1;
    delta.lastPosition = event.position;
    const vote: VoteRow = { proposalId: id, voterId, choice, position: event.position, castAt: iso(event.meta.occurredAt) };
    if (previousChoice === null) {
      firstVotes.push(vote);
    } else {
      delta[previousChoice] -= 1;
      changedVotes.set(`${id} ${voterId}`, vote);
    }
  }
  const voteOnly: TallyDelta[] = [];
  for (const delta of deltas.values()) if (delta !== null) voteOnly.push(delta);
  // Votes cast before a later event of their proposal moved it out of the vote-only ones.
  const kept = (votes: Iterable<VoteRow>) => (folded ? [...votes].filter((v) => deltas.get(v.proposalId) !== null) : [...votes]);
  return { deltas: voteOnly, firstVotes: kept(firstVotes), changedVotes: kept(changedVotes.values()) };
}
