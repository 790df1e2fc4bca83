import { formatCount } from '../format';
import { t } from '../i18n/t';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  /** Href of a given page (hash routing keeps the page in the address). */
  hrefFor: (page: number) => string;
}

export function Pagination({ page, pageSize, total, hrefFor }: Props) {
  if (total <= pageSize && page === 1) return null;
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const hasPrevious = page > 1;
  const hasNext = page * pageSize < total;

  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {from <= to ? (
        <p className="pagination__range">
          {t('pagination.range', { from: formatCount(from), to: formatCount(to), total: formatCount(total) })}
        </p>
      ) : null}
      <div className="pagination__links">
        {hasPrevious ? (
          <a className="button button--secondary" href={hrefFor(page - 1)} rel="prev">
            {t('pagination.previous')}
          </a>
        ) : null}
        {hasNext ? (
          <a className="button button--secondary" href={hrefFor(page + 1)} rel="next">
            {t('pagination.next')}
          </a>
        ) : null}
      </div>
    </nav>
  );
}
