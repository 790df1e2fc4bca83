import type { DomainEvent } from '../envelope.js';

/** What is disputed: a transaction record or a contract. A case is identified by the disputed record's id. */
export type CaseSubject = { kind: 'transaction'; id: string } | { kind: 'contract'; id: string };
export const SUBJECT_KINDS = ['transaction', 'contract'] as const satisfies readonly CaseSubject['kind'][];

export const CASE_OUTCOMES = ['upheld', 'rejected', 'split'] as const;
/** `upheld`: the dispute is right; `rejected`: it is not; `split`: partly, as the rationale says. */
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** How the arbiter was chosen: named by a steward, or by the documented rule (fewest open cases, then lowest id). */
export const ASSIGNMENT_RULES = ['named-by-steward', 'fewest-open-cases'] as const;
export type AssignmentRule = (typeof ASSIGNMENT_RULES)[number];

/** A dispute went to arbitration; parties, disputant and reason are copied from the disputed record's stream. */
export type CaseOpened = DomainEvent<
  'arbitration.CaseOpened',
  { caseId: string; subject: CaseSubject; parties: string[]; disputedBy: string; disputeReason: string; openedBy: string }
>;

export type ArbiterAssigned = DomainEvent<'arbitration.ArbiterAssigned', { caseId: string; arbiterId: string; assignedBy: string; rule: AssignmentRule }>;

/** A party's statement; `revision` 1 is the first, higher ones amend it until the decision. */
export type StatementSubmitted = DomainEvent<'arbitration.StatementSubmitted', { caseId: string; partyId: string; statement: string; revision: number }>;

export type CaseDecided = DomainEvent<'arbitration.CaseDecided', { caseId: string; arbiterId: string; outcome: CaseOutcome; rationale: string }>;

export type ArbitrationEvent = CaseOpened | ArbiterAssigned | StatementSubmitted | CaseDecided;

export const caseStream = (caseId: string): string => `arbitration-case-${caseId}`;
