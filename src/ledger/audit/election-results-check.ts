import { decideCloseElection } from '../../commands/governance/elections/close-election/close-election.decide.js';
import { evolveElection, initialElectionState, type ElectionHistoryEvent, type ElectionState } from '../../commands/governance/elections/election.state.js';
import { metaAt } from '../../commands/shared/command-meta.js';
import { canonicalJson } from '../../events/canonical.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { electionStream, type ElectionClosed } from '../../events/governance/election-events.js';
import type { CountingRound } from '../../governance/counting/index.js';
import type { ResultMismatch } from './results-check.js';

type Closed = ElectionClosed['data'];

/** The fields of a published election entry (GET /api/decision-log/elections) the check compares. */
export interface PublishedElection {
  electionId: string;
  role: string | null;
  seats: number;
  method: string;
  electorateSize: number;
  ballotsCounted: number;
  quota: string | null;
  candidates: string[];
  elected: string[];
  rounds: CountingRound[];
  closedPosition: number;
}

interface ClosedOnLog {
  index: number;
  data: Closed;
}

/** What the log and the decision log must agree on, in the shape of the event. */
const countOf = (d: Omit<Closed, 'electionId'>): string =>
  canonicalJson({
    role: d.role,
    seats: d.seats,
    method: d.method,
    candidates: d.candidates,
    winners: d.winners,
    rounds: d.rounds,
    ballotsCounted: d.ballotsCounted,
    electorateSize: d.electorateSize,
    quota: d.quota,
  });

/** The first thing a claimed count of an election disagrees with `source` on, in words. */
function difference(claimed: Omit<Closed, 'electionId'>, expected: Omit<Closed, 'electionId'>, source: string): string {
  if (canonicalJson(claimed.winners) !== canonicalJson(expected.winners)) return `elects ${list(claimed.winners)}, but ${source} elects ${list(expected.winners)}`;
  const rounds = Math.max(claimed.rounds.length, expected.rounds.length);
  for (let i = 0; i < rounds; i++) {
    if (canonicalJson(claimed.rounds[i] ?? null) !== canonicalJson(expected.rounds[i] ?? null)) return `differs from ${source} at round ${i + 1}`;
  }
  for (const field of ['ballotsCounted', 'quota', 'electorateSize', 'candidates', 'method', 'seats', 'role'] as const) {
    if (canonicalJson(claimed[field]) !== canonicalJson(expected[field])) return `gives ${field} ${canonicalJson(claimed[field])}, but ${source} gives ${canonicalJson(expected[field])}`;
  }
  return `differs from ${source}`;
}

const list = (ids: readonly string[]): string => (ids.length === 0 ? 'nobody' : ids.join(', '));

/**
 * Recounts every election from its ballots on the log, with the server's own deciding code (the
 * election write model and `decideCloseElection`, hence the same counting code), and checks each
 * ElectionClosed against the recount; afterwards, `compareWithElectionLog` checks the published
 * elections of the decision log against the closes. Memory: one state per election not closed yet,
 * and the count of each closed one.
 */
export class ElectionResultsChecker {
  private readonly open = new Map<string, ElectionState>();
  readonly closed = new Map<string, ClosedOnLog>();
  electionsRecomputed = 0;

  /** Feeds an event of an election stream at ledger `index`; returns a mismatch when its close is not what its ballots give. */
  observe(index: number, event: EventEnvelope): ResultMismatch | null {
    const electionId = (event.data as { electionId?: unknown }).electionId;
    if (typeof electionId !== 'string' || event.stream !== electionStream(electionId)) return null;
    const earlier = this.closed.get(electionId);
    if (earlier !== undefined) {
      // The write model ignores anything after the close; a second close is the log contradicting itself.
      return event.type === 'governance.ElectionClosed' ? { index, message: `event ${index}: election ${electionId} closed again, after event ${earlier.index}` } : null;
    }
    const state = this.open.get(electionId) ?? initialElectionState;
    const mismatch = event.type === 'governance.ElectionClosed' ? this.checkClose(index, electionId, state, event as EventEnvelope<'governance.ElectionClosed', Closed>) : null;
    const next = evolveElection(state, { type: event.type, data: event.data, position: event.position, ...(event.act ? { act: event.act } : {}) } as ElectionHistoryEvent);
    if (next.status === 'closed') this.open.delete(electionId);
    else if (next.status !== 'none') this.open.set(electionId, next);
    return mismatch;
  }

  private checkClose(index: number, electionId: string, state: ElectionState, event: EventEnvelope<'governance.ElectionClosed', Closed>): ResultMismatch | null {
    const logged = event.data;
    let expected: Closed;
    try {
      [{ data: expected }] = decideCloseElection(state, { electionId, meta: metaAt('system', new Date(event.meta.occurredAt)) });
    } catch (error) {
      return { index, message: `event ${index}: election ${electionId} could not have closed then: ${(error as Error).message}` };
    }
    this.electionsRecomputed++;
    this.closed.set(electionId, { index, data: logged });
    if (canonicalJson(expected) === canonicalJson(logged)) return null;
    return { index, message: `event ${index}: the close of election ${electionId} ${difference(logged, expected, 'the recount of its ballots on the log')}` };
  }

  /**
   * Every election the log closed below `size` must be published exactly as counted, and every
   * published election must be one the log closed. Returns the first difference, by log index.
   */
  compareWithElectionLog(published: readonly PublishedElection[], size: number): ResultMismatch | null {
    const seen = new Set<string>();
    const findings: ResultMismatch[] = [];
    for (const entry of published) {
      if (entry.closedPosition >= size) continue; // closed after the checkpoint audited
      const onLog = this.closed.get(entry.electionId);
      if (!onLog) {
        findings.push({ index: entry.closedPosition, message: `the decision log publishes election ${entry.electionId} as closed at ${entry.closedPosition}, but the log holds no such close` });
        continue;
      }
      seen.add(entry.electionId);
      const claimed = { ...entry, winners: entry.elected } as unknown as Closed;
      if (entry.closedPosition !== onLog.index) {
        findings.push({ index: onLog.index, message: `the decision log publishes election ${entry.electionId} as closed at ${entry.closedPosition}, but event ${onLog.index} closed it` });
      } else if (countOf(claimed) !== countOf(onLog.data)) {
        findings.push({ index: onLog.index, message: `the decision log's entry for election ${entry.electionId} ${difference(claimed, onLog.data, `event ${onLog.index}`)}` });
      }
    }
    for (const onLog of this.closed.values()) {
      if (!seen.has(onLog.data.electionId)) findings.push({ index: onLog.index, message: `event ${onLog.index} closed election ${onLog.data.electionId}, which the decision log does not publish` });
    }
    findings.sort((a, b) => a.index - b.index);
    return findings[0] ?? null;
  }
}
