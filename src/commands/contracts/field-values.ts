import type { TemplateField } from '../../events/contracts/contract-events.js';
import { isCurrency } from '../../events/records/currencies.js';
import { InvalidInput } from '../shared/domain-errors.js';

export const STRING_MAX_CHARS = 500;
export const TEXT_MAX_CHARS = 5_000;

export type Money = { amountMinor: number; currency: string };
/** A filled-in field, typed by its template field. */
export type FieldValue = string | number | Money;
export type FieldValues = Readonly<Record<string, FieldValue>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the values against the template's fields and returns them typed. A problem is an
 * InvalidInput naming the field as `fields.<name>`, so the API answers 400 naming it.
 */
export function checkFieldValues(fields: readonly TemplateField[], values: Readonly<Record<string, unknown>>): FieldValues {
  const known = new Map(fields.map((f) => [f.name, f]));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) throw new InvalidInput(`fields.${name}`, `${name} is not a field of this template version`);
  }
  const checked: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    if (value === undefined || value === null) {
      if (field.required) throw new InvalidInput(`fields.${field.name}`, `${field.name} (${field.label}) is required`);
      continue;
    }
    checked[field.name] = checkValue(field, value);
  }
  return checked;
}

function checkValue(field: TemplateField, value: unknown): FieldValue {
  const path = `fields.${field.name}`;
  const invalid = (expected: string): InvalidInput => new InvalidInput(path, `${field.name} must be ${expected}`);
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value) || [...value].length > STRING_MAX_CHARS) {
        throw invalid(`one line of 1-${STRING_MAX_CHARS} characters`);
      }
      return value;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '' || [...value].length > TEXT_MAX_CHARS) throw invalid(`1-${TEXT_MAX_CHARS} characters`);
      // One spelling of a line break, so the same text always renders to the same bytes.
      return value.replace(/\r\n?/g, '\n');
    case 'integer':
      if (!Number.isSafeInteger(value)) throw invalid('an integer');
      return value as number;
    case 'money': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('{ amountMinor, currency }');
      const { amountMinor, currency, ...rest } = value as Record<string, unknown>;
      if (Object.keys(rest).length > 0) throw invalid('{ amountMinor, currency } and nothing else');
      if (!Number.isSafeInteger(amountMinor) || (amountMinor as number) < 0) throw invalid('an amount of integer minor units, not negative');
      if (!isCurrency(currency)) throw invalid('in an ISO 4217 currency');
      return { amountMinor: amountMinor as number, currency };
    }
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) throw invalid('a calendar date YYYY-MM-DD');
      return value;
    case 'member':
      if (typeof value !== 'string' || !UUID.test(value)) throw invalid('a member id (UUID)');
      return value.toLowerCase();
    default: {
      const unhandled: never = field.type;
      throw new Error(`unhandled field type ${String(unhandled)}`);
    }
  }
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
