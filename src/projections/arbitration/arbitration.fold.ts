import type { ArbitrationEvent, AssignmentRule, CaseOutcome, CaseSubject } from '../../events/arbitration/arbitration-events.js';
import type { EventEnvelope } from '../../events/envelope.js';

export const ARBITRATION_EVENT_TYPES = [
  'arbitration.CaseOpened',
  'arbitration.ArbiterAssigned',
  'arbitration.StatementSubmitted',
  'arbitration.CaseDecided',
] as const satisfies readonly ArbitrationEvent['type'][];

const handled: ReadonlySet<string> = new Set(ARBITRATION_EVENT_TYPES);

type ArbitrationEnvelope = { [T in ArbitrationEvent['type']]: EventEnvelope<T, Extract<ArbitrationEvent, { type: T }>['data']> }[ArbitrationEvent['type']];

export interface CaseRow {
  caseId: string;
  subject: CaseSubject;
  parties: string[];
  disputedBy: string;
  disputeReason: string;
  openedBy: string;
  arbiterId: string | null;
  assignmentRule: AssignmentRule | null;
  status: 'open' | 'decided';
  outcome: CaseOutcome | null;
  rationale: string | null;
  openedAt: string;
  openedPosition: number;
  decidedAt: string | null;
  lastPosition: number;
}

/** Every statement and amendment; the latest revision per party is the one that stands. */
export interface StatementRow {
  caseId: string;
  partyId: string;
  revision: number;
  statement: string;
  submittedAt: string;
  position: number;
}

export const arbitrationEventsOf = (batch: readonly EventEnvelope[]): ArbitrationEnvelope[] => batch.filter((e) => handled.has(e.type)) as ArbitrationEnvelope[];

export const caseIdsOf = (batch: readonly EventEnvelope[]): string[] => [...new Set(arbitrationEventsOf(batch).map((e) => e.data.caseId))];

const iso = (instant: string): string => new Date(instant).toISOString();

/** Folds a batch onto the current case rows it touches; events at or below a row's last position are skipped. */
export function foldArbitration(existing: ReadonlyMap<string, CaseRow>, batch: readonly EventEnvelope[]): { cases: CaseRow[]; statements: StatementRow[] } {
  const cases = new Map<string, CaseRow>();
  const statements: StatementRow[] = [];
  for (const event of arbitrationEventsOf(batch)) {
    const row = cases.get(event.data.caseId) ?? existing.get(event.data.caseId);
    const at = iso(event.meta.occurredAt);
    if (row !== undefined && event.position <= row.lastPosition) continue;
    switch (event.type) {
      case 'arbitration.CaseOpened': {
        if (row !== undefined) break;
        const d = event.data;
        cases.set(d.caseId, {
          caseId: d.caseId,
          subject: d.subject,
          parties: d.parties,
          disputedBy: d.disputedBy,
          disputeReason: d.disputeReason,
          openedBy: d.openedBy,
          arbiterId: null,
          assignmentRule: null,
          status: 'open',
          outcome: null,
          rationale: null,
          openedAt: at,
          openedPosition: event.position,
          decidedAt: null,
          lastPosition: event.position,
        });
        break;
      }
      case 'arbitration.ArbiterAssigned':
        if (row === undefined) break;
        cases.set(row.caseId, { ...row, arbiterId: event.data.arbiterId, assignmentRule: event.data.rule, lastPosition: event.position });
        break;
      case 'arbitration.StatementSubmitted': {
        if (row === undefined) break;
        const { caseId, partyId, revision, statement } = event.data;
        statements.push({ caseId, partyId, revision, statement, submittedAt: at, position: event.position });
        cases.set(caseId, { ...row, lastPosition: event.position });
        break;
      }
      case 'arbitration.CaseDecided':
        if (row === undefined || row.status !== 'open') break;
        cases.set(row.caseId, { ...row, status: 'decided', outcome: event.data.outcome, rationale: event.data.rationale, decidedAt: at, lastPosition: event.position });
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled arbitration event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return { cases: [...cases.values()], statements };
}
