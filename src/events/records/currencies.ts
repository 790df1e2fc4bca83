/**
 * ISO 4217 currency codes, from the ICU data that ships with Node (CLDR, kept current with each
 * release): the list of codes in use, without funds, metals and test codes (XXX, XTS).
 */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf('currency');
const CURRENCIES: ReadonlySet<string> = new Set(CURRENCY_CODES);

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}
