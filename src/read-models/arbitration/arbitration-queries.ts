import type { CaseSubject } from '../../events/arbitration/arbitration-events.js';
import type { Queryable } from '../governance/proposal-queries.js';
import type { Paging } from '../members/member-queries.js';

export interface CaseSummary {
  caseId: string;
  subject: CaseSubject;
  parties: string[];
  disputedBy: string;
  disputeReason: string;
  openedBy: string;
  arbiterId: string | null;
  assignmentRule: string | null;
  status: 'open' | 'decided';
  decision: { outcome: string; rationale: string; decidedAt: string } | null;
  openedAt: string;
  position: number;
}

export interface Statement {
  partyId: string;
  revision: number;
  statement: string;
  submittedAt: string;
  position: number;
}

export interface CaseDetail extends CaseSummary {
  /** The statement that stands for each party (its latest revision). */
  statements: Statement[];
  /** Every revision, in the order submitted. */
  history: Statement[];
}

const COLUMNS = `case_id, subject_kind, parties, disputed_by, dispute_reason, opened_by, arbiter_id, assignment_rule, status, outcome, rationale,
                 opened_at, opened_position, decided_at`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summary(r: any): CaseSummary {
  return {
    caseId: r.case_id,
    subject: { kind: r.subject_kind, id: r.case_id },
    parties: r.parties,
    disputedBy: r.disputed_by,
    disputeReason: r.dispute_reason,
    openedBy: r.opened_by,
    arbiterId: r.arbiter_id,
    assignmentRule: r.assignment_rule,
    status: r.status,
    decision: r.status === 'decided' ? { outcome: r.outcome, rationale: r.rationale, decidedAt: r.decided_at.toISOString() } : null,
    openedAt: r.opened_at.toISOString(),
    position: Number(r.opened_position),
  };
}

/** Cases, newest first, optionally only open or decided ones. */
export async function listCases(db: Queryable, status: 'open' | 'decided' | undefined, paging: Paging): Promise<{ items: CaseSummary[]; total: number }> {
  const where = status === undefined ? '' : 'WHERE status = $3';
  const params: unknown[] = [paging.limit, paging.offset, ...(status === undefined ? [] : [status])];
  const [{ rows }, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} FROM read_models.arbitration_cases ${where} ORDER BY opened_position DESC LIMIT $1 OFFSET $2`, params),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.arbitration_cases ${status === undefined ? '' : 'WHERE status = $1'}`, status === undefined ? [] : [status]),
  ]);
  return { items: rows.map(summary), total: Number(count.rows[0]!.n) };
}

export async function getCase(db: Queryable, caseId: string): Promise<CaseDetail | null> {
  const [{ rows }, statements] = await Promise.all([
    db.query(`SELECT ${COLUMNS} FROM read_models.arbitration_cases WHERE case_id = $1`, [caseId]),
    db.query(`SELECT party_id, revision, statement, submitted_at, position FROM read_models.arbitration_statements WHERE case_id = $1 ORDER BY position`, [caseId]),
  ]);
  if (rows[0] === undefined) return null;
  const history: Statement[] = statements.rows.map((s) => ({
    partyId: s.party_id,
    revision: s.revision,
    statement: s.statement,
    submittedAt: s.submitted_at.toISOString(),
    position: Number(s.position),
  }));
  const latest = new Map(history.map((s) => [s.partyId, s]));
  return { ...summary(rows[0]), statements: [...latest.values()], history };
}
