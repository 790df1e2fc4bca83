import { canonicalJson } from '../../events/canonical.js';

/**
 * Comparing a served event with a ledger entry without re-encoding the event: the entry is parsed
 * once (the act and results checks read the parsed value too), checked to be the RFC 8785 form of
 * what it holds, and compared value by value with the event. Together that is exactly
 * "the canonical bytes of the event are the entry bytes": the canonical form is a function of the
 * JSON value, and parsing a canonical text gives back a value with that canonical form.
 */

/** Whether every object in a parsed JSON value lists its keys in RFC 8785 order (UTF-16 code units). */
function keysInCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysInCanonicalOrder(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysInCanonicalOrder((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The RFC 8785 text of a value parsed from JSON. When its keys already come in canonical order,
 * JSON.stringify writes exactly that text (RFC 8785 writes strings and numbers as JSON.stringify
 * does); otherwise (keys out of order, or integer-like keys that objects list first) the full
 * canonical encoder runs.
 */
export function canonicalJsonOfParsed(value: unknown): string {
  return keysInCanonicalOrder(value) ? JSON.stringify(value) : canonicalJson(value);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** The escapes RFC 8785 (as JSON.stringify) writes with a letter: \" \\ \b \f \n \r \t. */
const SHORT_ESCAPES = new Set([QUOTE, BACKSLASH, 0x62, 0x66, 0x6e, 0x72, 0x74]);
/** Control characters written as a letter escape, never as \u00XX. */
const LETTER_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const HEX = '0123456789abcdef';

/**
 * Whether JSON text (that JSON.parse accepted, decoded from valid UTF-8) is written as RFC 8785
 * writes it, read in one pass: no whitespace, strings escaped as JSON.stringify escapes them,
 * numbers as JavaScript writes them, each object's keys strictly increasing in UTF-16 code units.
 * Conservative: anything unusual (\u escapes other than of control characters) answers false,
 * and the caller then compares with the full canonical encoder.
 */
function readsAsCanonical(text: string): boolean {
  // Per open object, the last key read (undefined before the first); arrays hold null.
  const keys: (string | undefined | null)[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      i++;
      for (;;) {
        if (i >= n) return false;
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          const e = text.charCodeAt(i + 1);
          if (SHORT_ESCAPES.has(e)) {
            i += 2;
            continue;
          }
          if (e !== 0x75 || text.charCodeAt(i + 2) !== 0x30 || text.charCodeAt(i + 3) !== 0x30) return false;
          const hi = HEX.indexOf(text[i + 4]);
          const lo = HEX.indexOf(text[i + 5]);
          if (hi < 0 || hi > 1 || lo < 0 || LETTER_CONTROLS.has(hi * 16 + lo)) return false;
          i += 6;
          continue;
        }
        i++;
      }
      i++; // past the closing quote
      if (text.charCodeAt(i) === 0x3a) {
        // A key: strictly after the previous key of its object.
        const key = escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
        const previous = keys[keys.length - 1];
        if (previous === null) return false;
        if (previous !== undefined && !(previous < key)) return false;
        keys[keys.length - 1] = key;
        i++;
      }
      continue;
    }
    if (c === 0x7b) {
      keys.push(undefined);
      i++;
    } else if (c === 0x5b) {
      keys.push(null);
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      keys.pop();
      i++;
    } else if (c === 0x2c) {
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
        else break;
      }
      const token = text.slice(start, i);
      if (String(Number(token)) !== token) return false;
    } else if (text.startsWith('true', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else if (text.startsWith('null', i)) {
      i += 4;
    } else {
      return false; // whitespace, or anything else
    }
  }
  return true;
}

/** Whether `text` (decoded from valid UTF-8) is the RFC 8785 form of `parsed`, the value JSON.parse gave for it. */
export function isCanonicalText(text: string, parsed: unknown): boolean {
  return readsAsCanonical(text) || canonicalJson(parsed) === text;
}

/** Equality of two parsed JSON values (what their canonical forms compare), ignoring `skipKey` at the top level of `a`. */
export function sameJson(a: unknown, b: unknown, skipKey?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in right) {
    if (key === skipKey || !Object.hasOwn(left, key) || !sameJson(left[key], right[key])) return false;
    count++;
  }
  for (const key in left) if (key !== skipKey) count--;
  return count === 0;
}
