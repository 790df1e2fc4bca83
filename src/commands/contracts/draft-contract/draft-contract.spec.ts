import { specFor } from '../../../../test/support/given-when-then.js';
import type { ContractEvent } from '../../../events/contracts/contract-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { documentSha256 } from '../contract-document.js';
import { drafted, rentalTemplate } from '../contract-fixtures.js';
import { evolveContract, initialContractState, type ContractState } from '../contract.state.js';
import type { DraftContract } from './draft-contract.command.js';
import { decideDraftContract, draftDocument } from './draft-contract.decide.js';

const spec = specFor<ContractState, DraftContract, ContractEvent>({ initialState: initialContractState, evolve: evolveContract, decide: decideDraftContract });
const meta = { actor: 'm-landlord', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const SALT = 'A'.repeat(42) + 'A';
const draft = (change: Partial<DraftContract> = {}): DraftContract => ({
  contractId: 'k-1',
  templateId: 'tpl-1',
  templateVersion: 1,
  template: rentalTemplate,
  parties: [
    { memberId: 'm-landlord', role: 'landlord', member: { handle: 'lena', verified: true } },
    { memberId: 'm-tenant', role: 'tenant', member: { handle: 'tom', verified: true } },
  ],
  signingOrder: 'sequential',
  visibility: 'private',
  values: { premises: 'Room 3, Mill Lane 5', rent: { amountMinor: 45000, currency: 'EUR' }, startDate: '2030-06-01', months: 12 },
  salt: SALT,
  drafter: { memberId: 'm-landlord', verified: true },
  meta,
  ...change,
});
const fieldOf = (command: DraftContract): string | undefined => {
  try {
    decideDraftContract(initialContractState, command);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).field;
  }
  return undefined;
};

describe('DraftContract', () => {
  describe('no contract yet', () => {
    it('drafts the contract with the SHA-256 of its rendered document', () => {
      const command = draft();
      const hash = documentSha256(draftDocument(command));
      spec
        .given([])
        .when(command)
        .then([{ type: 'contracts.ContractDrafted', data: { ...(drafted('sequential').data as object), documentSha256: hash } } as ContractEvent]);
    });

    it('refuses a template version that is not published', () => {
      spec.given([]).when(draft({ template: null, templateVersion: 7 })).thenThrows(NotFound, 'template-version-not-found');
    });

    it.each([
      ['a missing required field', { premises: 'Room 3', rent: { amountMinor: 1, currency: 'EUR' }, startDate: '2030-06-01' }, 'fields.months'],
      ['a field the template does not have', { ...draft().values, pets: 'cat' }, 'fields.pets'],
      ['an integer that is not one', { ...draft().values, months: 1.5 }, 'fields.months'],
      ['money in an unknown currency', { ...draft().values, rent: { amountMinor: 10, currency: 'EUX' } }, 'fields.rent'],
      ['negative money', { ...draft().values, rent: { amountMinor: -10, currency: 'EUR' } }, 'fields.rent'],
      ['a date that is not on the calendar', { ...draft().values, startDate: '2030-02-30' }, 'fields.startDate'],
      ['a member that is not an id', { ...draft().values, guarantor: 'bob' }, 'fields.guarantor'],
      ['a string over two lines', { ...draft().values, premises: 'Room 3\nMill Lane' }, 'fields.premises'],
    ])('refuses %s, naming the field', (_label, values, field) => {
      expect(fieldOf(draft({ values }))).toBe(field);
    });

    it('refuses a party listed twice and a blank role, naming the party', () => {
      const twice = [draft().parties[0]!, draft().parties[0]!];
      expect(fieldOf(draft({ parties: twice }))).toBe('parties[1].memberId');
      expect(fieldOf(draft({ parties: [draft().parties[0]!, { ...draft().parties[1]!, role: ' ' }] }))).toBe('parties[1].role');
      expect(fieldOf(draft({ parties: [draft().parties[0]!] }))).toBe('parties');
    });

    it('refuses an unverified drafter', () => {
      spec.given([]).when(draft({ drafter: { memberId: 'm-landlord', verified: false } })).thenThrows(RuleBroken, 'member-not-verified');
    });

    it('refuses a drafter who is not a party', () => {
      spec.given([]).when(draft({ drafter: { memberId: 'm-agent', verified: true } })).thenThrows(Forbidden, 'not-a-party');
    });

    it('refuses a party who is not verified, or not a member', () => {
      const [landlord, tenant] = draft().parties;
      spec
        .given([])
        .when(draft({ parties: [landlord!, { ...tenant!, member: { handle: 'tom', verified: false } }] }))
        .thenThrows(RuleBroken, 'party-not-verified');
      spec.given([]).when(draft({ parties: [landlord!, { ...tenant!, member: null }] })).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('a drafted contract', () => {
    it('refuses the same contract id again', () => {
      spec.given([drafted()]).when(draft()).thenThrows(Conflict, 'contract-exists');
    });
  });
});
