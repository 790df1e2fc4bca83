import en from './en.json';

/** Every message key; other languages must provide the same keys. */
export type MessageKey = keyof typeof en;
export type MessageVars = Readonly<Record<string, string | number>>;

const messages: Readonly<Record<MessageKey, string>> = en;

/** BCP 47 tag of the active language, also used for number and date formatting. */
export const locale = 'en';

/** Looks up a message and fills `{name}` placeholders from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  const template = messages[key];
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
