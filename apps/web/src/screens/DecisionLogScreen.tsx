import { api } from '../api/client';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { EmptyState } from '../components/EmptyState';
import { Pagination } from '../components/Pagination';
import { ResourceView } from '../components/ResourceView';
import { ResultBadge } from '../components/ResultBadge';
import { TallyCompact } from '../components/TallyCompact';
import { TurnoutChart } from '../components/TurnoutChart';
import { formatBps, formatCount } from '../format';
import { useResource } from '../hooks/useResource';
import { t } from '../i18n/t';
import { href } from '../routing/routes';
import { ElectionDecisions } from './decision-log/ElectionDecisions';

const PAGE_SIZE = 20;
const DECISION_LOG_CSV = '/api/analytics/decision_log.csv';

interface Props {
  page: number;
}

export function DecisionLogScreen({ page }: Props) {
  const offset = (page - 1) * PAGE_SIZE;
  const resource = useResource(`decision-log:${page}`, (signal) =>
    api.listDecisions({ limit: PAGE_SIZE, offset }, signal),
  );

  return (
    <>
      <h1 tabIndex={-1}>{t('decisionLog.title')}</h1>
      <p className="intro">{t('decisionLog.intro')}</p>
      <h2>{t('decisionLog.proposals')}</h2>
      <ResourceView resource={resource}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState message={t('decisionLog.empty')} />
            ) : (
              <>
              <TurnoutChart decisions={data.items} />
              <p>
                {/* The server's export: every decision (not only this page), with the analyst view's columns. */}
                <a className="button button--secondary" href={DECISION_LOG_CSV} download="decision_log.csv">
                  {t('decisionLog.downloadCsv')}
                </a>
              </p>
              <DataTable caption={t('decisionLog.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('decisionLog.col.proposal')}</th>
                    <th scope="col">{t('decisionLog.col.result')}</th>
                    <th scope="col">{t('decisionLog.col.votes')}</th>
                    <th scope="col" className="numeric">
                      {t('decisionLog.col.turnout')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('decisionLog.col.electorate')}
                    </th>
                    <th scope="col">{t('decisionLog.col.closedAt')}</th>
                    <th scope="col" className="numeric">
                      {t('decisionLog.col.position')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((decision) => (
                    <tr key={decision.proposalId}>
                      <th scope="row">
                        <a href={href.proposal(decision.proposalId)}>{decision.title}</a>
                      </th>
                      <td>
                        <ResultBadge result={decision.result} />
                      </td>
                      <td>
                        <TallyCompact tally={decision.tally} />
                      </td>
                      <td className="numeric">{formatBps(decision.turnoutBps)}</td>
                      <td className="numeric">{formatCount(decision.electorateSize)}</td>
                      <td>
                        <DateTime value={decision.closedAt} />
                      </td>
                      {/* Raw, ungrouped: it is looked up verbatim on the public log. */}
                      <td className="numeric mono">{String(decision.closedPosition)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
              </>
            )}
            <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} hrefFor={href.decisionLog} />
          </>
        )}
      </ResourceView>
      <ElectionDecisions />
    </>
  );
}
