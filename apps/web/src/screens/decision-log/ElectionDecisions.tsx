import { useId, useState } from 'react';
import { request } from '../../api/client';
import { publicApi } from '../../api/commands';
import type { Page } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { formatCount } from '../../format';
import { useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { href } from '../../routing/routes';
import { ElectionRounds, type CountingRound } from '../elections/ElectionRounds';

/** A closed election as GET /api/decision-log/elections publishes it. */
export interface ElectionDecision {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  electorateSize: number;
  voters: number;
  ballotsCounted: number;
  quota: string | null;
  candidates: string[];
  elected: string[];
  rounds: CountingRound[];
  tieBreakRules: CountingRound['tieBreaks'][number]['rule'][];
  calledAt: string;
  closedAt: string;
  calledPosition: number;
  closedPosition: number;
}

const PAGE_SIZE = 20;
/** The API's largest page: past it, the full list is the API's to serve. */
const MAX_SHOWN = 200;

/** The closed elections of the decision log, newest first: who was elected, how, and every round of the count. */
export function ElectionDecisions() {
  const headingId = useId();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const resource = useResource(`decision-log-elections:${limit}`, (signal) =>
    request<Page<ElectionDecision>>('/decision-log/elections', { signal, query: { limit, offset: 0 } }),
  );
  const members = useResource('members-for-decision-log', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const handleOf = (id: string) => members.data?.items.find((m) => m.memberId === id)?.handle ?? id.slice(0, 8);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('decisionLog.elections')}</h2>
      <p className="intro">{t('decisionLog.electionsIntro')}</p>
      <ResourceView resource={resource}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState message={t('decisionLog.electionsEmpty')} />
          ) : (
            <>
              {data.items.map((e) => (
                <ElectionEntry key={e.electionId} election={e} handleOf={handleOf} />
              ))}
              {data.total > data.items.length && limit < MAX_SHOWN ? (
                <p>
                  <button type="button" className="button button--secondary" onClick={() => setLimit(Math.min(limit + PAGE_SIZE, MAX_SHOWN))}>
                    {t('decisionLog.electionsMore')}
                  </button>
                </p>
              ) : null}
            </>
          )
        }
      </ResourceView>
    </section>
  );
}

function ElectionEntry({ election: e, handleOf }: { election: ElectionDecision; handleOf: (id: string) => string }) {
  const headingId = useId();
  return (
    <article className="panel" aria-labelledby={headingId} data-testid="decision-log-election">
      <h3 id={headingId}>
        <a href={href.election(e.electionId)}>{e.title}</a>
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('decisionLog.elected')}</dt>
          <dd data-testid="decision-log-elected">{e.elected.length === 0 ? t('decisionLog.noneElected') : e.elected.map(handleOf).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('elections.method')}</dt>
          <dd>{labelFor('electionMethod', e.method)}</dd>
        </div>
        <div>
          <dt>{t('elections.role')}</dt>
          <dd>{e.role ? labelFor('role', e.role) : t('elections.noRole')}</dd>
        </div>
        <div>
          <dt>{t('elections.seats')}</dt>
          <dd>{formatCount(e.seats)}</dd>
        </div>
        <div>
          <dt>{t('decisionLog.col.electorate')}</dt>
          <dd>
            {t('decisionLog.voters', { voters: formatCount(e.voters), electorate: formatCount(e.electorateSize), ballots: formatCount(e.ballotsCounted) })}
            {e.quota === null ? null : ` ${t('elections.quota', { quota: e.quota })}`}
          </dd>
        </div>
        <div>
          <dt>{t('decisionLog.tieBreaks')}</dt>
          <dd>{e.tieBreakRules.length === 0 ? t('decisionLog.noTieBreak') : e.tieBreakRules.map((rule) => t(`elections.tieRule.${rule}`)).join('; ')}</dd>
        </div>
        <div>
          <dt>{t('decisionLog.col.closedAt')}</dt>
          <dd>
            <DateTime value={e.closedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('decisionLog.positions')}</dt>
          {/* Raw, ungrouped: they are looked up verbatim on the public log. */}
          <dd className="mono">{t('decisionLog.positionsValue', { called: String(e.calledPosition), closed: String(e.closedPosition) })}</dd>
        </div>
      </dl>
      <ElectionRounds rounds={e.rounds} candidates={e.candidates} handleOf={handleOf} nested />
    </article>
  );
}
