import { useId } from 'react';
import type { Problem } from '../api/types';
import { t } from '../i18n/t';

interface Props {
  problem: Problem;
  onRetry: () => void;
  /** A retry is under way. */
  busy?: boolean;
}

/** Shows a failed request's problem (RFC 9457) with a Retry button. */
export function ErrorBanner({ problem, onRetry, busy = false }: Props) {
  const titleId = useId();
  const errors = problem.errors ?? [];
  return (
    <section className="error-banner" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-banner__title">
        <span className="visually-hidden">{t('error.bannerLabel')}: </span>
        {problem.title}
      </h2>
      {problem.detail ? <p className="error-banner__detail">{problem.detail}</p> : null}
      {errors.length > 0 ? (
        <>
          <p className="error-banner__detail">{t('error.fieldErrors')}</p>
          <ul className="error-banner__fields">
            {errors.map((error, index) => (
              <li key={`${error.field}-${index}`}>
                {t('error.fieldError', { field: error.field, message: error.message })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem.status > 0 ? (
        <p className="error-banner__status">{t('error.status', { status: problem.status })}</p>
      ) : null}
      {/* aria-disabled rather than disabled, so keyboard focus stays on the button while retrying. */}
      <button
        type="button"
        className="button"
        aria-disabled={busy}
        onClick={() => {
          if (!busy) onRetry();
        }}
      >
        {busy ? t('common.retrying') : t('common.retry')}
      </button>
    </section>
  );
}
