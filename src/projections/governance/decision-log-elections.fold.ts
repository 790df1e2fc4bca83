import type { EventEnvelope } from '../../events/envelope.js';
import type { ElectionEvent, ElectionMethod } from '../../events/governance/election-events.js';
import type { Role } from '../../events/members/member-events.js';
import type { CountingRound, TieBreak } from '../../governance/counting/index.js';

/**
 * What the decision log remembers of an election that has not closed yet
 * (read_models.decision_log_elections_pending): only what the entry will need once it closes.
 */
export interface PendingElectionRow {
  electionId: string;
  title: string;
  role: Role | null;
  seats: number;
  method: ElectionMethod;
  /** Members who cast a ballot so far: a ballot replacing an earlier one is not another voter. */
  voters: number;
  calledAt: string;
  calledPosition: number;
  lastPosition: number;
}

/** One row of read_models.decision_log_elections: a closed election and its published count. */
export interface ElectionDecisionRow {
  electionId: string;
  title: string;
  role: Role | null;
  seats: number;
  method: ElectionMethod;
  electorateSize: number;
  /** Members who cast a ballot (their latest one counts). */
  voters: number;
  /** Ballots with at least one valid choice, as the count took them. */
  ballotsCounted: number;
  /** The Droop quota (STV), null for the other methods. */
  quota: string | null;
  /** Candidates standing at the close, sorted. */
  candidates: string[];
  /** Member ids, in the order elected. */
  elected: string[];
  /** Every counting round, exactly as ElectionClosed published it. */
  rounds: CountingRound[];
  /** The tie-break rules that settled a tie in some round, in order of first use; empty when no tie arose. */
  tieBreakRules: TieBreak['rule'][];
  calledAt: string;
  closedAt: string;
  calledPosition: number;
  closedPosition: number;
}

export interface ElectionLogState {
  pending: ReadonlyMap<string, PendingElectionRow>;
  /** Elections already in the decision log: their events were all applied. */
  closed: ReadonlySet<string>;
}

export interface ElectionLogChanges {
  /** New state of the pending rows the batch changed that are still open at its end. */
  pending: PendingElectionRow[];
  /** Elections that closed in the batch: their pending rows go. */
  removed: string[];
  /** Entries to add to the decision log. */
  elections: ElectionDecisionRow[];
}

/** Candidacies are not the log's business: the close names the candidates standing. */
export const DECISION_LOG_ELECTION_EVENT_TYPES = [
  'governance.ElectionCalled',
  'governance.BallotCast',
  'governance.ElectionClosed',
] as const satisfies readonly ElectionEvent['type'][];

type Handled = (typeof DECISION_LOG_ELECTION_EVENT_TYPES)[number];
type Envelope = { [K in Handled]: EventEnvelope<K, Extract<ElectionEvent, { type: K }>['data']> }[Handled];

const handled: ReadonlySet<string> = new Set(DECISION_LOG_ELECTION_EVENT_TYPES);

const eventsOf = (batch: readonly EventEnvelope[]): Envelope[] => batch.filter((e) => handled.has(e.type)) as Envelope[];

/** The election ids a batch touches for the decision log: the rows to load before folding. */
export const electionLogIdsOf = (batch: readonly EventEnvelope[]): string[] => [...new Set(eventsOf(batch).map((e) => e.data.electionId))];

/** The distinct tie-break rules the rounds used, in order of first use. */
export function tieBreakRulesOf(rounds: readonly CountingRound[]): TieBreak['rule'][] {
  return [...new Set(rounds.flatMap((r) => r.tieBreaks.map((t) => t.rule)))];
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the pending rows of the elections it touches, in memory and without I/O.
 * Events at or below a pending row's `lastPosition`, and any event of an election already in the
 * log, were applied before and are skipped. Events of an election never called are skipped.
 */
export function foldElectionLog(state: ElectionLogState, batch: readonly EventEnvelope[]): ElectionLogChanges {
  const pending = new Map<string, PendingElectionRow>();
  const elections = new Map<string, ElectionDecisionRow>();

  for (const event of eventsOf(batch)) {
    const id = event.data.electionId;
    if (state.closed.has(id) || elections.has(id)) continue;
    const row = pending.get(id) ?? state.pending.get(id);
    switch (event.type) {
      case 'governance.ElectionCalled': {
        if (row !== undefined) break;
        const { title, role, seats, method } = event.data;
        pending.set(id, { electionId: id, title, role, seats, method, voters: 0, calledAt: iso(event.meta.occurredAt), calledPosition: event.position, lastPosition: event.position });
        break;
      }
      case 'governance.BallotCast': {
        if (row === undefined || event.position <= row.lastPosition) break;
        pending.set(id, { ...row, voters: row.voters + (event.data.replacesEarlier ? 0 : 1), lastPosition: event.position });
        break;
      }
      case 'governance.ElectionClosed': {
        if (row === undefined || event.position <= row.lastPosition) break;
        const d = event.data;
        pending.delete(id);
        elections.set(id, {
          electionId: id,
          title: row.title,
          role: d.role,
          seats: d.seats,
          method: d.method,
          electorateSize: d.electorateSize,
          voters: row.voters,
          ballotsCounted: d.ballotsCounted,
          quota: d.quota,
          candidates: [...d.candidates],
          elected: [...d.winners],
          rounds: d.rounds,
          tieBreakRules: tieBreakRulesOf(d.rounds),
          calledAt: row.calledAt,
          closedAt: iso(event.meta.occurredAt),
          calledPosition: row.calledPosition,
          closedPosition: event.position,
        });
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled election event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return {
    pending: [...pending.values()],
    removed: [...elections.keys()].filter((id) => state.pending.has(id)),
    elections: [...elections.values()],
  };
}
