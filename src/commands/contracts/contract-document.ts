import { sha256 } from '../../events/canonical.js';
import type { Party, SigningOrder, TemplateField } from '../../events/contracts/contract-events.js';
import type { FieldValue, FieldValues } from './field-values.js';
import type { TemplateVersion } from './template.state.js';

export interface DocumentInput {
  contractId: string;
  template: TemplateVersion;
  parties: readonly (Party & { handle: string })[];
  signingOrder: SigningOrder;
  values: FieldValues;
  /** base64url of 32 random bytes: a private document's hash cannot be found by guessing its few unknowns. */
  salt: string;
}

const PLACEHOLDER = /\{\{\s*([a-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The contract's document: plain UTF-8 Markdown, LF line endings, one trailing newline. A pure
 * function of its input (no clock, no locale), so the same draft always renders to the same bytes
 * and therefore the same SHA-256 (docs/adr).
 */
export function renderContractDocument(input: DocumentInput): string {
  const { contractId, template, parties, signingOrder, values, salt } = input;
  const byName = new Map(template.fields.map((f) => [f.name, f]));
  const terms = template.body.replace(/\r\n?/g, '\n').replace(PLACEHOLDER, (whole, name: string) => {
    const field = byName.get(name);
    return field === undefined ? whole : formatValue(field, values[name]);
  });
  const lines = [
    `# ${template.title}`,
    '',
    `Contract: ${contractId}`,
    `Template: ${template.templateId} version ${template.version} (${template.kind})`,
    `Signing order: ${signingOrder}`,
    '',
    '## Parties',
    '',
    ...parties.map((p, i) => `${i + 1}. ${p.role}: @${p.handle} (member ${p.memberId})`),
    '',
    '## Terms',
    '',
    terms.trimEnd(),
    '',
    '## Fields',
    '',
    ...template.fields.map((f) => `- ${f.label}: ${formatValue(f, values[f.name])}`),
    '',
    `Salt: ${salt}`,
  ];
  return `${lines.join('\n')}\n`;
}

function formatValue(field: TemplateField, value: FieldValue | undefined): string {
  if (value === undefined) return '(not given)';
  switch (field.type) {
    case 'money': {
      const { amountMinor, currency } = value as { amountMinor: number; currency: string };
      return `${amountMinor} minor units of ${currency}`;
    }
    case 'member':
      return `member ${String(value)}`;
    case 'string':
    case 'text':
    case 'integer':
    case 'date':
      return String(value);
    default: {
      const unhandled: never = field.type;
      throw new Error(`unhandled field type ${String(unhandled)}`);
    }
  }
}

/** Hex SHA-256 of the document's UTF-8 bytes: what goes on the log and what the parties sign. */
export const documentSha256 = (document: string | Buffer): string => sha256(typeof document === 'string' ? Buffer.from(document, 'utf8') : document).toString('hex');

/**
 * The bytes a party signs with Ed25519: a fixed ASCII prefix, then the hex hash. The prefix keeps
 * a document signature from ever being mistaken for a signed act (canonical JSON) or anything else.
 */
export const documentSigningMessage = (sha256Hex: string): Buffer => Buffer.from(`civic-ledger contract document sha256:${sha256Hex}`, 'ascii');
