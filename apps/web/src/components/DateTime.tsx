import { formatDateTime } from '../format';
import { t } from '../i18n/t';

interface Props {
  value: string | null;
}

/** An ISO timestamp shown in the reader's words, machine-readable in `dateTime`. */
export function DateTime({ value }: Props) {
  if (value === null) return <>{t('common.notSet')}</>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
