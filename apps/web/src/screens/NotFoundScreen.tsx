import { t } from '../i18n/t';
import { href } from '../routing/routes';

export function NotFoundScreen() {
  return (
    <>
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href={href.proposals()}>{t('notFound.home')}</a>
      </p>
    </>
  );
}
