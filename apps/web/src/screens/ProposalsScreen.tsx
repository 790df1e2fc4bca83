import { api } from '../api/client';
import type { ProposalStatus } from '../api/types';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { EmptyState } from '../components/EmptyState';
import { LiveNote } from '../components/LiveNote';
import { Pagination } from '../components/Pagination';
import { ResourceView } from '../components/ResourceView';
import { ResultBadge } from '../components/ResultBadge';
import { StatusBadge } from '../components/StatusBadge';
import { StatusFilter } from '../components/StatusFilter';
import { TallyCompact } from '../components/TallyCompact';
import { REFRESH_MS, useResource } from '../hooks/useResource';
import { t } from '../i18n/t';
import { href, navigate } from '../routing/routes';

const PAGE_SIZE = 20;

interface Props {
  status: ProposalStatus | null;
  page: number;
}

export function ProposalsScreen({ status, page }: Props) {
  const offset = (page - 1) * PAGE_SIZE;
  const resource = useResource(
    `proposals:${status ?? 'all'}:${page}`,
    (signal) => api.listProposals({ status, limit: PAGE_SIZE, offset }, signal),
    REFRESH_MS,
  );

  return (
    <>
      <h1 tabIndex={-1}>{t('proposals.title')}</h1>
      <p>
        <a className="button" href={href.newProposal()}>
          {t('proposals.new')}
        </a>
      </p>
      <div className="toolbar">
        <StatusFilter value={status} onChange={(next) => navigate(href.proposals(next))} />
        <LiveNote note={t('proposals.liveNote')} updatedAt={resource.updatedAt} />
      </div>
      <ResourceView resource={resource}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState message={status === null ? t('proposals.empty') : t('proposals.emptyFiltered')} />
            ) : (
              <DataTable caption={t('proposals.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('proposals.col.title')}</th>
                    <th scope="col">{t('proposals.col.status')}</th>
                    <th scope="col">{t('proposals.col.votes')}</th>
                    <th scope="col">{t('proposals.col.closesAt')}</th>
                    <th scope="col">{t('proposals.col.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((proposal) => (
                    <tr key={proposal.proposalId}>
                      <th scope="row">
                        <a href={href.proposal(proposal.proposalId)}>{proposal.moderation ? t('proposal.withheld') : proposal.title}</a>
                      </th>
                      <td>
                        <StatusBadge status={proposal.status} />
                      </td>
                      <td>
                        <TallyCompact tally={proposal.tally} />
                      </td>
                      <td>
                        <DateTime value={proposal.closesAt} />
                      </td>
                      <td>
                        {proposal.status === 'closed' || proposal.result !== null ? (
                          <ResultBadge result={proposal.result} />
                        ) : (
                          t('common.notSet')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              hrefFor={(target) => href.proposals(status, target)}
            />
          </>
        )}
      </ResourceView>
    </>
  );
}
