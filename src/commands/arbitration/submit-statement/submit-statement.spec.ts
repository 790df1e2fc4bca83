import { specFor } from '../../../../test/support/given-when-then.js';
import type { ArbitrationEvent } from '../../../events/arbitration/arbitration-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveCase, initialCaseState, type CaseState } from '../case.state.js';
import type { SubmitStatement } from './submit-statement.command.js';
import { decideSubmitStatement } from './submit-statement.decide.js';

const spec = specFor<CaseState, SubmitStatement, ArbitrationEvent>({ initialState: initialCaseState, evolve: evolveCase, decide: decideSubmitStatement });
const meta = { actor: 'm-payer', now: new Date('2030-05-01T12:00:00.000Z'), correlationId: 'c' };
const subject = { kind: 'contract' as const, id: 'k-1' };
const opened: ArbitrationEvent = {
  type: 'arbitration.CaseOpened',
  data: { caseId: 'k-1', subject, parties: ['m-a', 'm-b'], disputedBy: 'm-b', disputeReason: 'Rent unpaid.', openedBy: 'm-b' },
};
const assigned: ArbitrationEvent = { type: 'arbitration.ArbiterAssigned', data: { caseId: 'k-1', arbiterId: 'm-arb', assignedBy: 'm-b', rule: 'fewest-open-cases' } };
const stated = (partyId: string, revision: number, statement = 'I paid in cash.'): ArbitrationEvent => ({
  type: 'arbitration.StatementSubmitted',
  data: { caseId: 'k-1', partyId, statement, revision },
});
const decided: ArbitrationEvent = { type: 'arbitration.CaseDecided', data: { caseId: 'k-1', arbiterId: 'm-arb', outcome: 'split', rationale: 'Half.' } };
const submit = (change: Partial<SubmitStatement> = {}): SubmitStatement => ({ caseId: 'k-1', partyId: 'm-a', statement: 'I paid in cash.', nonce: 'n', meta, ...change });

describe('SubmitStatement', () => {
  describe('no case', () => {
    it('refuses (404)', () => {
      spec.given([]).when(submit()).thenThrows(NotFound, 'case-not-found');
    });
  });

  describe('an open case', () => {
    it('records a party’s first statement as revision 1', () => {
      spec.given([opened, assigned]).when(submit()).then([stated('m-a', 1)]);
    });

    it('amends a statement with the next revision, each party counted on its own', () => {
      spec.given([opened, assigned, stated('m-a', 1), stated('m-b', 1)]).when(submit({ statement: 'Receipt attached.' })).then([stated('m-a', 2, 'Receipt attached.')]);
    });

    it('refuses anyone who is not a party, the arbiter included (403)', () => {
      spec.given([opened, assigned]).when(submit({ partyId: 'm-arb' })).thenThrows(Forbidden, 'not-party');
    });

    it('refuses a blank statement', () => {
      expect(() => decideSubmitStatement(spec.given([opened]).state, submit({ statement: '  ' }))).toThrow(InvalidInput);
    });
  });

  describe('a decided case', () => {
    it('refuses statements', () => {
      spec.given([opened, assigned, decided]).when(submit()).thenThrows(RuleBroken, 'case-decided');
    });
  });
});
