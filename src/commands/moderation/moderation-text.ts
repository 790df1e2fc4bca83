import { InvalidInput } from '../shared/domain-errors.js';

/** Free text that goes on the public log: trimmed, 1..max code points, or a 400 naming the field. */
export function validText(field: string, value: unknown, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  const chars = [...trimmed].length;
  if (chars < 1 || chars > max) throw new InvalidInput(field, `${field} must be 1-${max} characters, not counting surrounding whitespace`);
  return trimmed;
}
