import { labelFor, t } from '../i18n/t';

interface Props {
  result: string | null;
}

/** A proposal's result (passed, rejected, no-quorum), or "pending" while there is none. */
export function ResultBadge({ result }: Props) {
  if (result === null) return <span className="badge badge--result-pending">{t('result.pending')}</span>;
  return <span className={`badge badge--result-${result}`}>{labelFor('result', result)}</span>;
}
