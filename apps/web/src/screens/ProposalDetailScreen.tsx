import { useEffect, useId } from 'react';
import { api } from '../api/client';
import type { ProposalDetail } from '../api/types';
import { DateTime } from '../components/DateTime';
import { LiveNote } from '../components/LiveNote';
import { ResourceView } from '../components/ResourceView';
import { ResultBadge } from '../components/ResultBadge';
import { StatusBadge } from '../components/StatusBadge';
import { TallyBars } from '../components/TallyBars';
import { formatBps, formatCount } from '../format';
import { t } from '../i18n/t';
import { REFRESH_MS, useResource } from '../hooks/useResource';
import { href } from '../routing/routes';
import { publicApi } from '../api/commands';
import { Comments } from './proposal/Comments';
import { ReportForm } from '../components/ReportForm';
import { ProposalActions } from './proposal/ProposalActions';

interface Props {
  proposalId: string;
}

export function ProposalDetailScreen({ proposalId }: Props) {
  const resource = useResource(
    `proposal:${proposalId}`,
    (signal) => api.getProposal(proposalId, signal),
    // Poll while votes can still change (and until the first answer arrives).
    (data: ProposalDetail | undefined) => (data === undefined || data.status === 'open' ? REFRESH_MS : undefined),
  );
  const proposal = resource.data;
  const title = proposal?.moderation ? t('proposal.withheld') : proposal?.title;

  useEffect(() => {
    if (title !== undefined) document.title = t('app.documentTitle', { screen: title });
  }, [title]);

  return (
    <>
      <p className="back-link">
        <a href={href.proposals()}>
          <span aria-hidden="true">← </span>
          {t('proposal.back')}
        </a>
      </p>
      <h1 tabIndex={-1}>{title ?? t('proposal.title')}</h1>
      <ResourceView resource={resource}>
        {(data) => (
          <>
            {data.status === 'open' ? <LiveNote note={t('proposal.liveNote')} updatedAt={resource.updatedAt} /> : null}
            <Facts proposal={data} />
            <ProposalActions
              proposal={data}
              onChanged={async (position) => {
                await publicApi.proposal(proposalId, position);
                resource.retry();
              }}
            />
            <TallyBars tally={data.tally} electorateSize={data.electorate?.size ?? null} rules={data.rules} delegated={data.delegated} />
            <Rules proposal={data} />
            <Body proposal={data} />
            <Comments proposalId={proposalId} />
            <ReportForm target={{ kind: 'proposal', proposalId }} label={t('report.proposal')} />
          </>
        )}
      </ResourceView>
    </>
  );
}

function Facts({ proposal }: { proposal: ProposalDetail }) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposal.details')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('proposal.status')}</dt>
          <dd>
            <StatusBadge status={proposal.status} />
          </dd>
        </div>
        <div>
          <dt>{t('proposal.result')}</dt>
          <dd>
            <ResultBadge result={proposal.result} />
          </dd>
        </div>
        <div>
          <dt>{t('proposal.author')}</dt>
          <dd className="mono">{proposal.authorId}</dd>
        </div>
        <div>
          <dt>{t('proposal.openedAt')}</dt>
          <dd>
            <DateTime value={proposal.openedAt} />
          </dd>
        </div>
        <div>
          <dt>{proposal.closedAt === null ? t('proposal.closesAt') : t('proposal.closedAt')}</dt>
          <dd>
            <DateTime value={proposal.closedAt ?? proposal.closesAt} />
          </dd>
        </div>
        <div>
          <dt>{t('proposal.electorate')}</dt>
          <dd>
            {proposal.electorate === null
              ? t('common.notSet')
              : t('proposal.electorateMembers', { count: formatCount(proposal.electorate.size) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Rules({ proposal }: { proposal: ProposalDetail }) {
  const headingId = useId();
  const { rules } = proposal;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposal.rules')}</h2>
      {rules === null ? (
        <p>{t('proposal.rulesNotSet')}</p>
      ) : (
        <dl className="rules">
          <div>
            <dt>{t('proposal.quorum')}</dt>
            <dd>
              <strong>{formatBps(rules.quorumBps)}</strong>
              <span className="rules__help">{t('proposal.quorumHelp')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('proposal.threshold')}</dt>
            <dd>
              <strong>{formatBps(rules.thresholdBps)}</strong>
              <span className="rules__help">{t('proposal.thresholdHelp')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('proposal.voteChange')}</dt>
            <dd>
              <strong>
                {rules.allowVoteChange ? t('proposal.voteChangeAllowed') : t('proposal.voteChangeNotAllowed')}
              </strong>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function Body({ proposal }: { proposal: ProposalDetail }) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposal.body')}</h2>
      {/* Plain text, never HTML: line breaks are kept by CSS. */}
      <div className="proposal-body">{proposal.moderation ? t('proposal.withheld') : proposal.body}</div>
    </section>
  );
}
