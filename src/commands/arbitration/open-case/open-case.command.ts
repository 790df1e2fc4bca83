import type { CaseSubject } from '../../../events/arbitration/arbitration-events.js';
import type { Role } from '../../../events/members/member-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { SubjectFacts } from '../subject-facts.js';

/** An arbiter eligible by role, with the number of cases they have open now. */
export interface ArbiterCandidate {
  memberId: string;
  openCases: number;
}

/**
 * Take a disputed transaction or contract to arbitration and assign an arbiter: named by a
 * steward, or chosen by the rule (fewest open cases, then lowest member id).
 */
export interface OpenCase {
  subject: CaseSubject;
  opener: { memberId: string; roles: readonly Role[] };
  subjectFacts: SubjectFacts;
  arbiter: { kind: 'named'; memberId: string; roles: readonly Role[] } | { kind: 'by-rule'; candidates: readonly ArbiterCandidate[] };
  nonce: string;
  meta: CommandMeta;
}
