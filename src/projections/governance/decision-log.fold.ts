import type { EventEnvelope } from '../../events/envelope.js';
import type { Motion, ProposalEvent, ProposalResult } from '../../events/governance/proposal-events.js';
import { proposalEventsOf, proposalIdsOf } from './proposals.fold.js';

/**
 * What the decision log remembers of a proposal that has not closed yet (read_models.decision_log_pending):
 * only what the entry will need once it closes.
 */
export interface PendingDecisionRow {
  proposalId: string;
  title: string;
  authorId: string;
  quorumBps: number;
  thresholdBps: number;
  motion: Motion;
  topic: string | null;
  openedAt: string | null;
  openedPosition: number | null;
  lastPosition: number;
}

/** One row of read_models.decision_log: a closed proposal and its published result. */
export interface DecisionRow {
  proposalId: string;
  title: string;
  authorId: string;
  result: ProposalResult;
  yes: number;
  no: number;
  abstain: number;
  /** The part of yes, no and abstain that delegations carried. */
  delegatedYes: number;
  delegatedNo: number;
  delegatedAbstain: number;
  motion: Motion;
  topic: string | null;
  electorateSize: number;
  /** Share of the electorate that voted (abstentions count), rounded down, in basis points. */
  turnoutBps: number;
  quorumBps: number;
  thresholdBps: number;
  openedAt: string | null;
  closedAt: string;
  openedPosition: number | null;
  closedPosition: number;
}

export interface DecisionLogState {
  pending: ReadonlyMap<string, PendingDecisionRow>;
  /** Proposals already in the decision log: their events were all applied. */
  closed: ReadonlySet<string>;
}

export interface DecisionLogChanges {
  /** New state of the pending rows the batch changed that are still open at its end. */
  pending: PendingDecisionRow[];
  /** Proposals that closed, or ended without a vote (withdrawn, cancelled), in the batch: their pending rows go. */
  removed: string[];
  /** Entries to add to the decision log. */
  decisions: DecisionRow[];
}

export const DECISION_LOG_EVENT_TYPES = [
  'governance.ProposalDrafted',
  'governance.ProposalRevised',
  'governance.ProposalOpened',
  'governance.ProposalClosed',
  'governance.ProposalWithdrawn',
  'governance.ProposalCancelled',
] as const satisfies readonly ProposalEvent['type'][];

const handled: ReadonlySet<string> = new Set(DECISION_LOG_EVENT_TYPES);

/** The proposal ids a batch touches for the decision log: the rows to load before folding. */
export const decisionIdsOf = (batch: readonly EventEnvelope[]): string[] => proposalIdsOf(batch, handled);

/** floor(votes * 10000 / electorate) in integer arithmetic; an empty electorate has no turnout. */
export function turnoutBps(votes: number, electorateSize: number): number {
  if (electorateSize <= 0) return 0;
  return Number((BigInt(votes) * 10_000n) / BigInt(electorateSize));
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the pending rows of the proposals it touches, in memory and without I/O.
 * Events at or below a pending row's `lastPosition`, and any event of a proposal already in the
 * log, were applied before and are skipped. Events of a proposal never drafted are skipped.
 */
export function foldDecisionLog(state: DecisionLogState, batch: readonly EventEnvelope[]): DecisionLogChanges {
  const pending = new Map<string, PendingDecisionRow>();
  const decisions = new Map<string, DecisionRow>();
  /** Withdrawn or cancelled: never decided, so never in the log. */
  const ended = new Set<string>();

  for (const event of proposalEventsOf(batch, handled)) {
    const id = event.data.proposalId;
    if (state.closed.has(id) || decisions.has(id) || ended.has(id)) continue;
    const row = pending.get(id) ?? state.pending.get(id);
    switch (event.type) {
      case 'governance.ProposalDrafted': {
        if (row !== undefined) break;
        const { title, authorId, rules, motion, topic } = event.data;
        pending.set(id, {
          proposalId: id,
          title,
          authorId,
          quorumBps: rules.quorumBps,
          thresholdBps: rules.thresholdBps,
          motion,
          topic,
          openedAt: null,
          openedPosition: null,
          lastPosition: event.position,
        });
        break;
      }
      case 'governance.ProposalRevised': {
        if (row === undefined || event.position <= row.lastPosition) break;
        const { title, rules, motion, topic } = event.data;
        pending.set(id, { ...row, title, quorumBps: rules.quorumBps, thresholdBps: rules.thresholdBps, motion, topic, lastPosition: event.position });
        break;
      }
      case 'governance.ProposalWithdrawn':
      case 'governance.ProposalCancelled': {
        if (row === undefined || event.position <= row.lastPosition) break;
        pending.delete(id);
        ended.add(id);
        break;
      }
      case 'governance.ProposalOpened': {
        if (row === undefined || event.position <= row.lastPosition) break;
        pending.set(id, {
          ...row,
          quorumBps: event.data.rules.quorumBps,
          thresholdBps: event.data.rules.thresholdBps,
          openedAt: iso(event.meta.occurredAt),
          openedPosition: event.position,
          lastPosition: event.position,
        });
        break;
      }
      case 'governance.ProposalClosed': {
        if (row === undefined || event.position <= row.lastPosition) break;
        const { result, tally, delegated, electorateSize } = event.data;
        pending.delete(id);
        decisions.set(id, {
          proposalId: id,
          title: row.title,
          authorId: row.authorId,
          result,
          yes: tally.yes,
          no: tally.no,
          abstain: tally.abstain,
          delegatedYes: delegated.yes,
          delegatedNo: delegated.no,
          delegatedAbstain: delegated.abstain,
          motion: row.motion,
          topic: row.topic,
          electorateSize,
          turnoutBps: turnoutBps(tally.yes + tally.no + tally.abstain, electorateSize),
          quorumBps: row.quorumBps,
          thresholdBps: row.thresholdBps,
          openedAt: row.openedAt,
          closedAt: iso(event.meta.occurredAt),
          openedPosition: row.openedPosition,
          closedPosition: event.position,
        });
        break;
      }
    }
  }
  return {
    pending: [...pending.values()],
    removed: [...decisions.keys(), ...ended].filter((id) => state.pending.has(id)),
    decisions: [...decisions.values()],
  };
}
