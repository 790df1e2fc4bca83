import type { ArbiterAssigned, CaseOpened } from '../../../events/arbitration/arbitration-events.js';
import { DISPUTE_REASON_MAX_CHARS } from '../../../events/arbitration/arbitration-schemas.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { CaseState } from '../case.state.js';
import type { ArbiterCandidate, OpenCase } from './open-case.command.js';

export function decideOpenCase(state: CaseState, command: OpenCase): (CaseOpened | ArbiterAssigned)[] {
  const { subject, opener, subjectFacts, arbiter, nonce } = command;
  if (subjectFacts.kind === 'missing') throw new NotFound(subject.kind, subject.id);
  const { parties, dispute } = subjectFacts;
  const steward = opener.roles.includes('steward');
  if (!steward && !parties.includes(opener.memberId)) throw new Forbidden('not-party-or-steward', 'a case is opened by a party of the dispute or a steward');
  if (arbiter.kind === 'named' && !steward) throw new Forbidden('not-steward', 'only a steward names the arbiter; leave it out to have one chosen by rule');
  if (dispute.kind === 'none') throw new RuleBroken('not-disputed', `${subject.kind} ${subject.id} is not disputed`);
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (state.status !== 'none') throw new Conflict('case-exists', `${subject.kind} ${subject.id} is already in arbitration`);
  let arbiterId: string;
  if (arbiter.kind === 'named') {
    if (!arbiter.roles.includes('arbiter')) throw new RuleBroken('not-arbiter', `member ${arbiter.memberId} is not an arbiter`);
    if (parties.includes(arbiter.memberId)) throw new RuleBroken('arbiter-is-party', 'an arbiter may never be a party to the dispute');
    arbiterId = arbiter.memberId;
  } else {
    const chosen = chooseArbiter(arbiter.candidates, parties);
    if (chosen === null) throw new RuleBroken('no-eligible-arbiter', 'no arbiter who is not a party is available');
    arbiterId = chosen;
  }
  const caseId = subject.id;
  const reason = [...dispute.reason].slice(0, DISPUTE_REASON_MAX_CHARS).join('').trim() || 'no reason given';
  return [
    { type: 'arbitration.CaseOpened', data: { caseId, subject, parties: [...parties], disputedBy: dispute.disputedBy, disputeReason: reason, openedBy: opener.memberId } },
    { type: 'arbitration.ArbiterAssigned', data: { caseId, arbiterId, assignedBy: opener.memberId, rule: arbiter.kind === 'named' ? 'named-by-steward' : 'fewest-open-cases' } },
  ];
}

/** The documented rule (ADR): among arbiters who are not parties, the fewest open cases; ties go to the lowest member id. */
export function chooseArbiter(candidates: readonly ArbiterCandidate[], parties: readonly string[]): string | null {
  const eligible = candidates.filter((c) => !parties.includes(c.memberId));
  eligible.sort((a, b) => a.openCases - b.openCases || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  return eligible[0]?.memberId ?? null;
}
