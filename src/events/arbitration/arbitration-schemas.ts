import { charsBetween } from '../governance/proposal-schemas.js';
import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { ASSIGNMENT_RULES, CASE_OUTCOMES, SUBJECT_KINDS, type ArbitrationEvent } from './arbitration-events.js';

/** In characters (code points). */
export const STATEMENT_MAX_CHARS = 8_000;
export const RATIONALE_MAX_CHARS = 8_000;
export const DISPUTE_REASON_MAX_CHARS = 2_000;

function text(problems: string[], field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value !== value.trim() || !charsBetween(value, 1, max)) {
    problems.push(`${field}: must be 1-${max} characters without surrounding whitespace`);
  }
}

export const ARBITRATION_SCHEMAS = {
  'arbitration.CaseOpened': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['caseId', 'subject', 'parties', 'disputedBy', 'disputeReason', 'openedBy'], (d, problems) => {
        id(problems, 'caseId', d.caseId);
        problems.push(
          ...check(
            d.subject,
            ['kind', 'id'],
            (s, p) => {
              if (!SUBJECT_KINDS.includes(s.kind as never)) p.push(`subject.kind: must be one of ${SUBJECT_KINDS.join(', ')}`);
              id(p, 'subject.id', s.id);
            },
            'subject',
          ),
        );
        if (!Array.isArray(d.parties) || d.parties.length < 2) problems.push('parties: must list at least two members');
        else d.parties.forEach((m, i) => id(problems, `parties[${i}]`, m));
        id(problems, 'disputedBy', d.disputedBy);
        text(problems, 'disputeReason', d.disputeReason, DISPUTE_REASON_MAX_CHARS);
        id(problems, 'openedBy', d.openedBy);
      }),
  },
  'arbitration.ArbiterAssigned': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['caseId', 'arbiterId', 'assignedBy', 'rule'], (d, problems) => {
        id(problems, 'caseId', d.caseId);
        id(problems, 'arbiterId', d.arbiterId);
        id(problems, 'assignedBy', d.assignedBy);
        if (!ASSIGNMENT_RULES.includes(d.rule as never)) problems.push(`rule: must be one of ${ASSIGNMENT_RULES.join(', ')}`);
      }),
  },
  'arbitration.StatementSubmitted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['caseId', 'partyId', 'statement', 'revision'], (d, problems) => {
        id(problems, 'caseId', d.caseId);
        id(problems, 'partyId', d.partyId);
        text(problems, 'statement', d.statement, STATEMENT_MAX_CHARS);
        if (!Number.isInteger(d.revision) || (d.revision as number) < 1) problems.push('revision: must be a positive integer');
      }),
  },
  'arbitration.CaseDecided': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['caseId', 'arbiterId', 'outcome', 'rationale'], (d, problems) => {
        id(problems, 'caseId', d.caseId);
        id(problems, 'arbiterId', d.arbiterId);
        if (!CASE_OUTCOMES.includes(d.outcome as never)) problems.push(`outcome: must be one of ${CASE_OUTCOMES.join(', ')}`);
        text(problems, 'rationale', d.rationale, RATIONALE_MAX_CHARS);
      }),
  },
} satisfies { [T in ArbitrationEvent['type']]: EventSchema };
