import en from './en.json';
import hi from './hi.json';

/** Every message key; other languages must provide the same keys (checked by the type below). */
export type MessageKey = keyof typeof en;
export type MessageVars = Readonly<Record<string, string | number>>;

export const LANGUAGES = { en: 'English', hi: 'हिन्दी' } as const;
export type Language = keyof typeof LANGUAGES;

const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, hi };
const STORAGE_KEY = 'civic.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'hi' || value === 'en' ? value : 'en';
  } catch {
    return 'en';
  }
}

/** The language chosen on this device; read once, so a switch reloads the page (formatters included). */
export const language: Language = storedLanguage();

/** BCP 47 tag of the active language, also used for number and date formatting. */
export const locale = language === 'hi' ? 'hi-IN' : 'en';

const messages = catalogues[language];

export function setLanguage(next: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  window.location.reload();
}

/** Looks up a message and fills `{name}` placeholders from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  const template = messages[key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/**
 * Label for a value that comes from the server (a status, a result): the translated message
 * `prefix.value` when there is one, otherwise the raw value so nothing is hidden.
 */
export function labelFor(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}
