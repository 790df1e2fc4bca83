import { createHash } from 'node:crypto';
import { documentSha256, documentSigningMessage, renderContractDocument, type DocumentInput } from './contract-document.js';
import { rentalTemplate } from './contract-fixtures.js';

const input: DocumentInput = {
  contractId: 'k-1',
  template: { ...rentalTemplate, body: 'Lets {{premises}} at {{rent}}\r\nfrom {{ startDate }}. Guarantor: {{guarantor}}.' },
  parties: [
    { memberId: 'm-landlord', role: 'landlord', handle: 'lena' },
    { memberId: 'm-tenant', role: 'tenant', handle: 'tom' },
  ],
  signingOrder: 'sequential',
  values: { premises: 'Room 3', rent: { amountMinor: 45000, currency: 'EUR' }, startDate: '2030-06-01', months: 12 },
  salt: 'A'.repeat(43),
};

describe('renderContractDocument', () => {
  it('fills the placeholders, lists parties and fields, with LF line endings and one final newline', () => {
    const document = renderContractDocument(input);
    expect(document).toBe(
      [
        '# Room rental',
        '',
        'Contract: k-1',
        'Template: tpl-1 version 1 (rental)',
        'Signing order: sequential',
        '',
        '## Parties',
        '',
        '1. landlord: @lena (member m-landlord)',
        '2. tenant: @tom (member m-tenant)',
        '',
        '## Terms',
        '',
        'Lets Room 3 at 45000 minor units of EUR',
        'from 2030-06-01. Guarantor: (not given).',
        '',
        '## Fields',
        '',
        '- Premises: Room 3',
        '- Monthly rent: 45000 minor units of EUR',
        '- Start date: 2030-06-01',
        '- Term in months: 12',
        '- Guarantor: (not given)',
        '- Notes: (not given)',
        '',
        `Salt: ${'A'.repeat(43)}`,
        '',
      ].join('\n'),
    );
  });

  it('renders the same input to the same bytes, and another salt to another hash', () => {
    expect(documentSha256(renderContractDocument(input))).toBe(documentSha256(renderContractDocument({ ...input })));
    expect(documentSha256(renderContractDocument({ ...input, salt: 'B'.repeat(43) }))).not.toBe(documentSha256(renderContractDocument(input)));
  });

  it('hashes the UTF-8 bytes with SHA-256, in lowercase hex', () => {
    const document = renderContractDocument(input);
    expect(documentSha256(document)).toBe(createHash('sha256').update(Buffer.from(document, 'utf8')).digest('hex'));
    expect(documentSha256(Buffer.from(document, 'utf8'))).toBe(documentSha256(document));
  });

  it('signs an ASCII message that names what is signed', () => {
    expect(documentSigningMessage('ab'.repeat(32)).toString('ascii')).toBe(`civic-ledger contract document sha256:${'ab'.repeat(32)}`);
  });
});
