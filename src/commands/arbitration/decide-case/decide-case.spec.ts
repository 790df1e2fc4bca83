import { specFor } from '../../../../test/support/given-when-then.js';
import type { ArbitrationEvent } from '../../../events/arbitration/arbitration-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveCase, initialCaseState, type CaseState } from '../case.state.js';
import type { DecideCase } from './decide-case.command.js';
import { decideDecideCase } from './decide-case.decide.js';

const spec = specFor<CaseState, DecideCase, ArbitrationEvent>({ initialState: initialCaseState, evolve: evolveCase, decide: decideDecideCase });
const meta = { actor: 'm-arb', now: new Date('2030-05-01T12:00:00.000Z'), correlationId: 'c' };
const opened: ArbitrationEvent = {
  type: 'arbitration.CaseOpened',
  data: { caseId: 't-1', subject: { kind: 'transaction', id: 't-1' }, parties: ['m-a', 'm-b'], disputedBy: 'm-b', disputeReason: 'Wrong amount.', openedBy: 'm-b' },
};
const assigned: ArbitrationEvent = { type: 'arbitration.ArbiterAssigned', data: { caseId: 't-1', arbiterId: 'm-arb', assignedBy: 'm-s', rule: 'named-by-steward' } };
const decided = (outcome: 'upheld' | 'rejected' | 'split' = 'upheld'): ArbitrationEvent => ({
  type: 'arbitration.CaseDecided',
  data: { caseId: 't-1', arbiterId: 'm-arb', outcome, rationale: 'The receipt shows 40, not 400.' },
});
const decide = (change: Partial<DecideCase> = {}): DecideCase => ({
  caseId: 't-1',
  arbiterId: 'm-arb',
  outcome: 'upheld',
  rationale: 'The receipt shows 40, not 400.',
  nonce: 'n',
  meta,
  ...change,
});

describe('DecideCase', () => {
  describe('no case', () => {
    it('refuses (404)', () => {
      spec.given([]).when(decide()).thenThrows(NotFound, 'case-not-found');
    });
  });

  describe('an open case', () => {
    it.each(['upheld', 'rejected', 'split'] as const)('records a %s decision with its rationale', (outcome) => {
      spec.given([opened, assigned]).when(decide({ outcome })).then([decided(outcome)]);
    });

    it('refuses anyone but the assigned arbiter (403)', () => {
      spec.given([opened, assigned]).when(decide({ arbiterId: 'm-other-arb' })).thenThrows(Forbidden, 'not-assigned-arbiter');
    });

    it('refuses an unknown outcome or a blank rationale (naming the field)', () => {
      const state = spec.given([opened, assigned]).state;
      expect(() => decideDecideCase(state, decide({ outcome: 'maybe' as never }))).toThrow(InvalidInput);
      expect(() => decideDecideCase(state, decide({ rationale: ' ' }))).toThrow(InvalidInput);
    });
  });

  describe('a decided case', () => {
    it('refuses a second decision', () => {
      spec.given([opened, assigned, decided()]).when(decide()).thenThrows(RuleBroken, 'case-decided');
    });
  });
});
