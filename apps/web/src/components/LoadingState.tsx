import { t } from '../i18n/t';

export function LoadingState() {
  return (
    <p className="loading-state" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
