import { formatTime } from '../format';
import { t } from '../i18n/t';

interface Props {
  note: string;
  updatedAt: number | undefined;
}

/** Says that the screen refreshes itself and when it last did (not announced on each update). */
export function LiveNote({ note, updatedAt }: Props) {
  return (
    <p className="meta">
      {note}
      {updatedAt !== undefined ? (
        <>
          {' '}
          <span className="meta__time">{t('common.updatedAt', { time: formatTime(updatedAt) })}</span>
        </>
      ) : null}
    </p>
  );
}
