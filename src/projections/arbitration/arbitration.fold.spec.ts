import { EventLog, newId } from '../../../test/projections/support/events.js';
import { caseIdsOf, foldArbitration } from './arbitration.fold.js';

describe('foldArbitration', () => {
  const [id, a, b, arb] = Array.from({ length: 4 }, newId) as string[];
  const stream = `arbitration-case-${id}`;

  it('opens, assigns, records statements and the decision', () => {
    const log = new EventLog(3);
    log.append(stream, 'arbitration.CaseOpened', { caseId: id, subject: { kind: 'contract', id }, parties: [a, b], disputedBy: a, disputeReason: 'Late.', openedBy: a });
    log.append(stream, 'arbitration.ArbiterAssigned', { caseId: id, arbiterId: arb, assignedBy: a, rule: 'fewest-open-cases' });
    log.append(stream, 'arbitration.StatementSubmitted', { caseId: id, partyId: b, statement: 'On time.', revision: 1 });
    log.append(stream, 'arbitration.CaseDecided', { caseId: id, arbiterId: arb, outcome: 'split', rationale: 'Both late.' });
    expect(caseIdsOf(log.events)).toEqual([id]);
    const { cases, statements } = foldArbitration(new Map(), log.events);
    expect(cases).toEqual([expect.objectContaining({ caseId: id, arbiterId: arb, status: 'decided', outcome: 'split', lastPosition: 6 })]);
    expect(statements).toEqual([expect.objectContaining({ partyId: b, revision: 1, position: 5 })]);
  });

  it('skips events of a case never opened, and events already applied', () => {
    const log = new EventLog(3);
    log.append(stream, 'arbitration.StatementSubmitted', { caseId: id, partyId: b, statement: 'Hm.', revision: 1 });
    expect(foldArbitration(new Map(), log.events)).toEqual({ cases: [], statements: [] });
    const opened = new EventLog(3);
    opened.append(stream, 'arbitration.CaseOpened', { caseId: id, subject: { kind: 'contract', id }, parties: [a, b], disputedBy: a, disputeReason: 'Late.', openedBy: a });
    const rows = foldArbitration(new Map(), opened.events).cases;
    expect(foldArbitration(new Map(rows.map((r) => [r.caseId, r])), opened.events).cases).toEqual([]);
  });
});
