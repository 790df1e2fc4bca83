import { api } from '../api/client';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { LiveNote } from '../components/LiveNote';
import { ResourceView } from '../components/ResourceView';
import { formatCount } from '../format';
import { REFRESH_MS, useResource } from '../hooks/useResource';
import { labelFor, t } from '../i18n/t';

export function OperatorsScreen() {
  const resource = useResource('projections', (signal) => api.listProjections(signal), REFRESH_MS);

  return (
    <>
      <h1 tabIndex={-1}>{t('operators.title')}</h1>
      <p className="intro">{t('operators.intro')}</p>
      <LiveNote note={t('operators.liveNote')} updatedAt={resource.updatedAt} />
      <ResourceView resource={resource}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState message={t('operators.empty')} />
          ) : (
            <DataTable caption={t('operators.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('operators.col.name')}</th>
                  <th scope="col" className="numeric">
                    {t('operators.col.version')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('operators.col.position')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('operators.col.head')}
                  </th>
                  <th scope="col">{t('operators.col.lag')}</th>
                  <th scope="col">{t('operators.col.status')}</th>
                  <th scope="col">{t('operators.col.error')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((projection) => (
                  <tr key={projection.name} className={projection.error ? 'row--error' : undefined}>
                    <th scope="row" className="mono">
                      {projection.name}
                    </th>
                    <td className="numeric">{formatCount(projection.version)}</td>
                    <td className="numeric mono">{String(projection.position)}</td>
                    <td className="numeric mono">{String(projection.head)}</td>
                    <td>
                      {projection.lag === 0 ? (
                        <span className="badge badge--ok">{t('operators.upToDate')}</span>
                      ) : (
                        <span className="badge badge--warn">
                          {projection.lagSeconds === undefined
                            ? t('operators.behind', { lag: formatCount(projection.lag) })
                            : t('operators.behindSeconds', { lag: formatCount(projection.lag), seconds: formatCount(projection.lagSeconds) })}
                        </span>
                      )}
                    </td>
                    <td>
                      <span className={`badge badge--projection-${projection.state ?? projection.status}`}>
                        {labelFor('projectionStatus', projection.state ?? projection.status)}
                      </span>
                    </td>
                    <td>
                      {projection.error === null ? (
                        t('common.notSet')
                      ) : (
                        <code className="error-text">{projection.error}</code>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </ResourceView>
    </>
  );
}
