import type { ContractEvent, TemplateField, TemplateVersionPublished } from '../../events/contracts/contract-events.js';
import type { TemplateVersion } from './template.state.js';

/** Shared by the contracts specs: a rental template and the events of one contract's life. */
export const RENTAL_FIELDS: TemplateField[] = [
  { name: 'premises', label: 'Premises', type: 'string', required: true },
  { name: 'rent', label: 'Monthly rent', type: 'money', required: true },
  { name: 'startDate', label: 'Start date', type: 'date', required: true },
  { name: 'months', label: 'Term in months', type: 'integer', required: true },
  { name: 'guarantor', label: 'Guarantor', type: 'member', required: false },
  { name: 'notes', label: 'Notes', type: 'text', required: false },
];

export const RENTAL_BODY = 'The landlord lets {{premises}} for {{months}} months from {{startDate}} at {{rent}} a month.\nGuarantor: {{guarantor}}.\n';

export const rentalTemplate: TemplateVersion = {
  templateId: 'tpl-1',
  version: 1,
  kind: 'rental',
  title: 'Room rental',
  body: RENTAL_BODY,
  fields: RENTAL_FIELDS,
};

export const published = (version = 1, change: Partial<TemplateVersionPublished['data']> = {}): TemplateVersionPublished => ({
  type: 'contracts.TemplateVersionPublished',
  data: { templateId: 'tpl-1', version, kind: 'rental', title: 'Room rental', body: RENTAL_BODY, fields: RENTAL_FIELDS, publishedBy: 'm-steward', ...change },
});

export const HASH = 'a1'.repeat(32);
export const SIGNATURE = 'S'.repeat(86);

export const drafted = (signingOrder: 'parallel' | 'sequential' = 'parallel'): ContractEvent => ({
  type: 'contracts.ContractDrafted',
  data: {
    contractId: 'k-1',
    templateId: 'tpl-1',
    templateVersion: 1,
    draftedBy: 'm-landlord',
    parties: [
      { memberId: 'm-landlord', role: 'landlord' },
      { memberId: 'm-tenant', role: 'tenant' },
    ],
    signingOrder,
    visibility: 'private',
    documentSha256: HASH,
  },
});

export const signed = (signerId: string): ContractEvent => ({
  type: 'contracts.ContractSigned',
  data: { contractId: 'k-1', signerId, documentSha256: HASH, keyId: `key-${signerId}`, signature: SIGNATURE },
});

export const executed: ContractEvent = { type: 'contracts.ContractExecuted', data: { contractId: 'k-1', documentSha256: HASH } };
