import { specFor } from '../../../../test/support/given-when-then.js';
import type { ArbitrationEvent } from '../../../events/arbitration/arbitration-events.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveCase, initialCaseState, type CaseState } from '../case.state.js';
import type { OpenCase } from './open-case.command.js';
import { chooseArbiter, decideOpenCase } from './open-case.decide.js';

const spec = specFor<CaseState, OpenCase, ArbitrationEvent>({ initialState: initialCaseState, evolve: evolveCase, decide: decideOpenCase });
const meta = { actor: 'm-s', now: new Date('2030-05-01T12:00:00.000Z'), correlationId: 'c' };
const subject = { kind: 'transaction' as const, id: 't-1' };
const disputed = { kind: 'found' as const, parties: ['m-payer', 'm-payee'], dispute: { kind: 'disputed' as const, disputedBy: 'm-payee', reason: 'Never received.' } };
const open = (change: Partial<OpenCase> = {}): OpenCase => ({
  subject,
  opener: { memberId: 'm-s', roles: ['steward'] },
  subjectFacts: disputed,
  arbiter: { kind: 'named', memberId: 'm-arb', roles: ['arbiter'] },
  nonce: 'n-1',
  meta,
  ...change,
});
const opened = (openedBy = 'm-s'): ArbitrationEvent => ({
  type: 'arbitration.CaseOpened',
  data: { caseId: 't-1', subject, parties: ['m-payer', 'm-payee'], disputedBy: 'm-payee', disputeReason: 'Never received.', openedBy },
});
const assigned = (arbiterId = 'm-arb', rule: 'named-by-steward' | 'fewest-open-cases' = 'named-by-steward', assignedBy = 'm-s'): ArbitrationEvent => ({
  type: 'arbitration.ArbiterAssigned',
  data: { caseId: 't-1', arbiterId, assignedBy, rule },
});

describe('OpenCase', () => {
  describe('a disputed record with no case', () => {
    it('opens the case with the arbiter a steward names', () => {
      spec.given([]).when(open()).then([opened(), assigned()]);
    });

    it('lets a party open it, the arbiter chosen by rule', () => {
      const candidates = [
        { memberId: 'm-b', openCases: 1 },
        { memberId: 'm-c', openCases: 0 },
        { memberId: 'm-a', openCases: 0 },
      ];
      spec
        .given([])
        .when(open({ opener: { memberId: 'm-payee', roles: [] }, arbiter: { kind: 'by-rule', candidates } }))
        .then([opened('m-payee'), assigned('m-a', 'fewest-open-cases', 'm-payee')]);
    });

    it('refuses a named arbiter who is a party', () => {
      spec.given([]).when(open({ arbiter: { kind: 'named', memberId: 'm-payer', roles: ['arbiter'] } })).thenThrows(RuleBroken, 'arbiter-is-party');
    });

    it('refuses a named member who is not an arbiter', () => {
      spec.given([]).when(open({ arbiter: { kind: 'named', memberId: 'm-x', roles: ['moderator'] } })).thenThrows(RuleBroken, 'not-arbiter');
    });

    it('refuses a party naming the arbiter, and an outsider opening a case (403)', () => {
      spec.given([]).when(open({ opener: { memberId: 'm-payer', roles: [] } })).thenThrows(Forbidden, 'not-steward');
      spec.given([]).when(open({ opener: { memberId: 'm-x', roles: [] }, arbiter: { kind: 'by-rule', candidates: [] } })).thenThrows(Forbidden, 'not-party-or-steward');
    });

    it('refuses when no arbiter outside the dispute exists', () => {
      spec
        .given([])
        .when(open({ arbiter: { kind: 'by-rule', candidates: [{ memberId: 'm-payer', openCases: 0 }] } }))
        .thenThrows(RuleBroken, 'no-eligible-arbiter');
    });
  });

  describe('a record that is not disputed, or missing', () => {
    it('refuses', () => {
      spec.given([]).when(open({ subjectFacts: { ...disputed, dispute: { kind: 'none' } } })).thenThrows(RuleBroken, 'not-disputed');
      spec.given([]).when(open({ subjectFacts: { kind: 'missing' } })).thenThrows(NotFound, 'transaction-not-found');
    });
  });

  describe('a case already open', () => {
    it('refuses a second case for the same dispute', () => {
      spec.given([opened(), assigned()]).when(open({ nonce: 'n-2' })).thenThrows(Conflict, 'case-exists');
    });
  });
});

describe('chooseArbiter', () => {
  it('takes the fewest open cases, ties by lowest id, never a party', () => {
    expect(chooseArbiter([{ memberId: 'b', openCases: 2 }, { memberId: 'c', openCases: 2 }, { memberId: 'a', openCases: 0 }], ['a'])).toBe('b');
    expect(chooseArbiter([], [])).toBeNull();
  });
});
