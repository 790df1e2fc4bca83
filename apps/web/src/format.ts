import { locale, t } from './i18n/t';

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Basis points as a percentage: 5000 -> "50 %". */
export function formatBps(bps: number): string {
  return t('common.percent', { value: decimal.format(bps / 100) });
}

/** A share (numerator / denominator) as a percentage; 0 when the denominator is 0. */
export function formatShare(numerator: number, denominator: number): string {
  return formatBps(shareBps(numerator, denominator));
}

export function shareBps(numerator: number, denominator: number): number {
  return denominator > 0 ? (numerator * 10_000) / denominator : 0;
}

export function formatDateTime(iso: string | null): string {
  if (iso === null) return t('common.notSet');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(epochMs: number): string {
  return time.format(new Date(epochMs));
}
