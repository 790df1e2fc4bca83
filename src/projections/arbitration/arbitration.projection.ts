import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Projection } from '../projection.js';
import { ARBITRATION_EVENT_TYPES, caseIdsOf, foldArbitration, type CaseRow } from './arbitration.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS arbitration_cases (
    case_id         uuid        PRIMARY KEY,
    subject_kind    text        NOT NULL CHECK (subject_kind IN ('transaction', 'contract')),
    parties         uuid[]      NOT NULL,
    disputed_by     uuid        NOT NULL,
    dispute_reason  text        NOT NULL,
    opened_by       uuid        NOT NULL,
    arbiter_id      uuid,
    assignment_rule text,
    status          text        NOT NULL CHECK (status IN ('open', 'decided')),
    outcome         text,
    rationale       text,
    opened_at       timestamptz NOT NULL,
    opened_position bigint      NOT NULL,
    decided_at      timestamptz,
    last_position   bigint      NOT NULL
  );
  -- The assignment rule counts each arbiter's open cases.
  CREATE INDEX IF NOT EXISTS arbitration_cases_arbiter ON arbitration_cases (arbiter_id, status);
  CREATE INDEX IF NOT EXISTS arbitration_cases_opened ON arbitration_cases (opened_position);

  CREATE TABLE IF NOT EXISTS arbitration_statements (
    case_id      uuid        NOT NULL,
    party_id     uuid        NOT NULL,
    revision     integer     NOT NULL,
    statement    text        NOT NULL,
    submitted_at timestamptz NOT NULL,
    position     bigint      NOT NULL,
    PRIMARY KEY (case_id, party_id, revision)
  );
`;

interface CaseTableRow {
  case_id: string;
  subject_kind: CaseRow['subject']['kind'];
  parties: string[];
  disputed_by: string;
  dispute_reason: string;
  opened_by: string;
  arbiter_id: string | null;
  assignment_rule: CaseRow['assignmentRule'];
  status: CaseRow['status'];
  outcome: CaseRow['outcome'];
  rationale: string | null;
  opened_at: Date;
  opened_position: string;
  decided_at: Date | null;
  last_position: string;
}

async function loadCases(tx: pg.ClientBase, ids: string[]): Promise<Map<string, CaseRow>> {
  const { rows } = await tx.query<CaseTableRow>(`SELECT * FROM arbitration_cases WHERE case_id = ANY($1::uuid[])`, [ids]);
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        caseId: r.case_id,
        subject: { kind: r.subject_kind, id: r.case_id },
        parties: r.parties,
        disputedBy: r.disputed_by,
        disputeReason: r.dispute_reason,
        openedBy: r.opened_by,
        arbiterId: r.arbiter_id,
        assignmentRule: r.assignment_rule,
        status: r.status,
        outcome: r.outcome,
        rationale: r.rationale,
        openedAt: r.opened_at.toISOString(),
        openedPosition: Number(r.opened_position),
        decidedAt: r.decided_at === null ? null : r.decided_at.toISOString(),
        lastPosition: Number(r.last_position),
      },
    ]),
  );
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = caseIdsOf(batch);
  if (ids.length === 0) return;
  const { cases, statements } = foldArbitration(await loadCases(tx, ids), batch);
  // Run one after another: a client runs one query at a time, and pg warns when given several at once.
  const writes: (() => Promise<unknown>)[] = [];
  if (cases.length > 0) {
    writes.push(() =>
      tx.query(
        `INSERT INTO arbitration_cases AS c
           (case_id, subject_kind, parties, disputed_by, dispute_reason, opened_by, arbiter_id, assignment_rule, status, outcome, rationale,
            opened_at, opened_position, decided_at, last_position)
         SELECT k.case_id, k.subject_kind, ARRAY(SELECT jsonb_array_elements_text(k.parties))::uuid[], k.disputed_by, k.dispute_reason, k.opened_by,
                k.arbiter_id, k.assignment_rule, k.status, k.outcome, k.rationale, k.opened_at, k.opened_position, k.decided_at, k.last_position
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[],
                       $11::text[], $12::timestamptz[], $13::bigint[], $14::timestamptz[], $15::bigint[])
             AS k(case_id, subject_kind, parties, disputed_by, dispute_reason, opened_by, arbiter_id, assignment_rule, status, outcome, rationale,
                  opened_at, opened_position, decided_at, last_position)
         ON CONFLICT (case_id) DO UPDATE SET
           arbiter_id = EXCLUDED.arbiter_id, assignment_rule = EXCLUDED.assignment_rule, status = EXCLUDED.status, outcome = EXCLUDED.outcome,
           rationale = EXCLUDED.rationale, decided_at = EXCLUDED.decided_at, last_position = EXCLUDED.last_position
         WHERE c.last_position < EXCLUDED.last_position`,
        [
          cases.map((c) => c.caseId),
          cases.map((c) => c.subject.kind),
          cases.map((c) => JSON.stringify(c.parties)),
          cases.map((c) => c.disputedBy),
          cases.map((c) => c.disputeReason),
          cases.map((c) => c.openedBy),
          cases.map((c) => c.arbiterId),
          cases.map((c) => c.assignmentRule),
          cases.map((c) => c.status),
          cases.map((c) => c.outcome),
          cases.map((c) => c.rationale),
          cases.map((c) => c.openedAt),
          cases.map((c) => c.openedPosition),
          cases.map((c) => c.decidedAt),
          cases.map((c) => c.lastPosition),
        ],
      ),
    );
  }
  if (statements.length > 0) {
    writes.push(() =>
      tx.query(
        `INSERT INTO arbitration_statements (case_id, party_id, revision, statement, submitted_at, position)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::bigint[])
         ON CONFLICT DO NOTHING`,
        [
          statements.map((s) => s.caseId),
          statements.map((s) => s.partyId),
          statements.map((s) => s.revision),
          statements.map((s) => s.statement),
          statements.map((s) => s.submittedAt),
          statements.map((s) => s.position),
        ],
      ),
    );
  }
  for (const write of writes) await write();
}

/** Arbitration cases with their arbiter and decision, and every statement of the parties. */
export const arbitrationProjection: Projection = {
  name: 'arbitration',
  version: 1,
  handles: ARBITRATION_EVENT_TYPES,
  tables: ['arbitration_cases', 'arbitration_statements'],
  schema,
  apply,
};
