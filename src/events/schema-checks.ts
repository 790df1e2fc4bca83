/**
 * The building blocks of the event validators. Hand-written on purpose: no schema library on the
 * log's read path, and every message names the field.
 */

const MAX_ID_LENGTH = 128;

/** Object shape: exactly `keys`, then the field checks. */
export function check(
  data: unknown,
  keys: readonly string[],
  fields: (data: Record<string, unknown>, problems: string[]) => void,
  path = '',
): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [`${path || 'data'}: must be an object`];
  const record = data as Record<string, unknown>;
  const prefix = path ? `${path}.` : '';
  const problems: string[] = [];
  for (const key of keys) if (!Object.hasOwn(record, key)) problems.push(`${prefix}${key}: missing`);
  for (const key of Object.keys(record)) if (!keys.includes(key)) problems.push(`${prefix}${key}: unexpected field`);
  fields(record, problems);
  return problems;
}

export function id(problems: string[], field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    problems.push(`${field}: must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
}
