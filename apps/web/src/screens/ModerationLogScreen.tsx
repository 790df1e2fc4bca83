import { request } from '../api/client';
import type { Page } from '../api/types';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { EmptyState } from '../components/EmptyState';
import { Pagination } from '../components/Pagination';
import { ResourceView } from '../components/ResourceView';
import { useResource } from '../hooks/useResource';
import { labelFor, t } from '../i18n/t';
import { href } from '../routing/routes';
import { useMe } from '../session/MemberContext';

interface ModerationLogEntry {
  position: number;
  entry: 'action' | 'appeal' | 'decision';
  actionId: string;
  target: { kind: string; proposalId?: string; commentId?: string; memberId?: string };
  actorId: string;
  kind: string | null;
  rule: string | null;
  text: string;
  until: string | null;
  occurredAt: string;
}

const PAGE_SIZE = 50;

function targetLabel(target: ModerationLogEntry['target']) {
  if (target.kind === 'proposal' && target.proposalId) return <a href={href.proposal(target.proposalId)}>{t('moderation.target.proposal')}</a>;
  if (target.kind === 'comment' && target.proposalId) return <a href={href.proposal(target.proposalId)}>{t('moderation.target.comment')}</a>;
  return <span className="mono">{labelFor('moderation.target', target.kind)} {target.memberId?.slice(0, 8)}</span>;
}

/** The public moderation log: every action, appeal and decision with its public reason, for anyone. */
export function ModerationLogScreen({ page }: { page: number }) {
  const me = useMe();
  const resource = useResource(`moderation-log:${page}`, (signal) =>
    request<Page<ModerationLogEntry>>('/moderation/log', { signal, query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }),
  );
  return (
    <>
      <h1 tabIndex={-1}>{t('moderation.title')}</h1>
      <p className="intro">{t('moderation.intro')}</p>
      {me.member?.roles.includes('moderator') ? (
        <p>
          <a className="button button--secondary" href={href.moderationQueue()}>
            {t('queue.title')}
          </a>
        </p>
      ) : null}
      <ResourceView resource={resource}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState message={t('moderation.empty')} />
            ) : (
              <DataTable caption={t('moderation.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('moderation.col.when')}</th>
                    <th scope="col">{t('moderation.col.entry')}</th>
                    <th scope="col">{t('moderation.col.target')}</th>
                    <th scope="col">{t('moderation.col.rule')}</th>
                    <th scope="col">{t('moderation.col.text')}</th>
                    <th scope="col">{t('decisionLog.col.position')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <tr key={`${e.position}:${e.entry}`}>
                      <td>
                        <DateTime value={e.occurredAt} />
                      </td>
                      <td>
                        <a href={href.moderationAction(e.actionId)}>{labelFor('moderation.entry', e.entry)}</a>
                        {e.kind ? ` · ${labelFor('moderation.kind', e.kind)}` : ''}
                      </td>
                      <td>{targetLabel(e.target)}</td>
                      <td>{e.rule ?? t('common.notSet')}</td>
                      <td className="comment__body">{e.text}</td>
                      <td className="numeric">
                        <a href={href.ledger(e.position, e.position)}>{e.position}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
            <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} hrefFor={(p) => href.moderationLog(p)} />
          </>
        )}
      </ResourceView>
    </>
  );
}
