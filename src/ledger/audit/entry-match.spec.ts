import { canonicalJson } from '../../events/canonical.js';
import { canonicalJsonOfParsed, isCanonicalText, sameJson } from './entry-match.js';

const served = { id: 'e-1', stream: 'proposal-p', revision: 3, position: 7, type: 'governance.VoteCast', schemaVersion: 1, data: { proposalId: 'p', voterId: 'v', choice: 'yes' }, meta: { actor: 'v', occurredAt: '2030-01-01T00:00:00.000Z' } };
const entryOf = (event: object): string => {
  const { position: _position, ...stored } = event as { position: number };
  return canonicalJson(stored);
};

describe('comparing a served event with a ledger entry', () => {
  describe('an entry in canonical form', () => {
    const text = entryOf(served);
    it('is recognised as canonical and matches the event it encodes, position aside', () => {
      expect(isCanonicalText(text, JSON.parse(text))).toBe(true);
      expect(sameJson(served, JSON.parse(text), 'position')).toBe(true);
    });
    it('does not match an event that differs in any value, key, array item or nesting', () => {
      const parsed = JSON.parse(text) as unknown;
      expect(sameJson({ ...served, revision: 4 }, parsed, 'position')).toBe(false);
      expect(sameJson({ ...served, data: { ...served.data, choice: 'no' } }, parsed, 'position')).toBe(false);
      expect(sameJson({ ...served, act: null }, parsed, 'position')).toBe(false);
      const { meta: _meta, ...withoutMeta } = served;
      expect(sameJson(withoutMeta, parsed, 'position')).toBe(false);
      expect(sameJson({ ...served, data: ['p'] }, JSON.parse(entryOf({ ...served, data: { 0: 'p' } })), 'position')).toBe(false);
      expect(sameJson({ ...served, data: [1, 2] }, JSON.parse(entryOf({ ...served, data: [2, 1] })), 'position')).toBe(false);
      expect(sameJson({ ...served, data: 1 }, JSON.parse(entryOf({ ...served, data: '1' })), 'position')).toBe(false);
    });
    it('does not match when the entry itself carries a position', () => {
      expect(sameJson(served, JSON.parse(canonicalJson(served)), 'position')).toBe(false);
    });
  });

  describe('an entry not in canonical form', () => {
    it('is not canonical with keys out of order, spaces, escapes or number forms RFC 8785 does not write', () => {
      const text = entryOf(served);
      const reordered = JSON.stringify({ type: served.type, ...JSON.parse(text) });
      for (const other of [reordered, JSON.stringify(JSON.parse(text), null, 1), text.replace('"yes"', '"y\\u0065s"'), text.replace('"revision":3', '"revision":3.0')]) {
        expect(other).not.toBe(text);
        expect(isCanonicalText(other, JSON.parse(other))).toBe(false);
      }
    });
    it('is canonical with integer-like keys in RFC 8785 order, which objects list in another order', () => {
      const text = canonicalJson({ data: { 10: 'a', 9: 'b', x: 1 } });
      expect(text).toBe('{"data":{"10":"a","9":"b","x":1}}');
      expect(isCanonicalText(text, JSON.parse(text))).toBe(true);
      expect(canonicalJsonOfParsed(JSON.parse(text))).toBe(text);
    });
  });

  it('reads escapes, numbers and keys exactly as the canonical encoder writes them', () => {
    const cases: [string, boolean][] = [
      ['{"a":"\\u001f\\n\\"\\\\"}', true],
      ['{"a":"\\u001F"}', false],
      ['{"a":"\\u000a"}', false],
      ['{"a":"\\/"}', false],
      ['{"a":"\\ud800"}', true],
      ['{"a":1e+21,"b":-1.5e-7,"c":0.1}', true],
      ['{"a":1E+21}', false],
      ['{"a":-0}', false],
      ['{"a":1,"a":1}', false],
      ['{"\\u0062":1,"a":2}', false],
      ['{"a":[{"b":1,"c":[true,false,null]}],"b":{}}', true],
      ['{"b":1,"a":2}', false],
      ['{"a":1} ', false],
    ];
    for (const [text, canonical] of cases) expect([text, isCanonicalText(text, JSON.parse(text))]).toEqual([text, canonical]);
  });

  it('agrees with the canonical encoder on many random values, written canonically or not', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['a', 'b', 'Z', '10', '9', 'é', '\u2028', '"', '\\', '\n', '\u0001', '\u007f', '😀', ' ', '/', '__proto__'];
    const text = (): string => Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const numbers = [0, 1, -1, 0.5, 1e21, 1e-7, 123456789.125, -2.5e300, 5e-324];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return [null, true, false, text(), numbers[Math.floor(random() * numbers.length)]][Math.floor(random() * 5)];
      if (r < 0.5) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let k = Math.floor(random() * 4); k > 0; k--) Object.defineProperty(object, text(), { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
      return object;
    };
    for (let n = 0; n < 2000; n++) {
      const v = value(0);
      const canonical = canonicalJson(v);
      expect(isCanonicalText(canonical, JSON.parse(canonical))).toBe(true);
      for (const other of [JSON.stringify(v), JSON.stringify(v, null, 1), canonical.replace(/1e\+21/g, '1E21')]) {
        expect(isCanonicalText(other, JSON.parse(other))).toBe(other === canonicalJson(JSON.parse(other)));
      }
    }
  });

  it('writes the canonical form of any parsed value, as the canonical encoder does', () => {
    for (const value of [{ b: [1, { d: 2, c: '\u2028é' }], a: null, 'é': -0, A: 1e21 }, [3, 'x'], 'text', 12.5, true, null]) {
      const parsed = JSON.parse(JSON.stringify(value)) as unknown;
      expect(canonicalJsonOfParsed(parsed)).toBe(canonicalJson(parsed));
    }
  });
});
