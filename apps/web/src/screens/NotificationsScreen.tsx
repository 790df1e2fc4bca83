import { request } from '../api/client';
import type { Page } from '../api/types';
import { DateTime } from '../components/DateTime';
import { EmptyState } from '../components/EmptyState';
import { ResourceView } from '../components/ResourceView';
import { REFRESH_MS, useResource } from '../hooks/useResource';
import { labelFor, t } from '../i18n/t';
import { href } from '../routing/routes';
import { useMe } from '../session/MemberContext';

interface NotificationView {
  eventId: string;
  kind: string;
  subject: Record<string, unknown>;
  summary: string;
  position: number;
  occurredAt: string;
}

/** Where a notification leads: the proposal, contract or moderation action it is about. */
function linkOf(n: NotificationView): string | null {
  const { proposalId, contractId, actionId } = n.subject as { proposalId?: string; contractId?: string; actionId?: string };
  if (typeof contractId === 'string') return href.contract(contractId);
  if (typeof actionId === 'string') return href.moderationAction(actionId);
  if (typeof proposalId === 'string') return href.proposal(proposalId);
  return null;
}

/** The member's notifications (they follow the log through Kafka, so they may lag it a little). */
export function NotificationsScreen() {
  const me = useMe();
  const token = me.session?.token ?? null;
  const resource = useResource(`notifications:${token ?? ''}`, (signal) =>
    token ? request<Page<NotificationView>>('/members/me/notifications', { token, signal, query: { limit: 50, offset: 0 } }) : Promise.resolve({ items: [], total: 0 }),
    REFRESH_MS * 5,
  );
  return (
    <>
      <h1 tabIndex={-1}>{t('notifications.title')}</h1>
      {!token ? (
        <p>
          <a href={href.login()}>{t('nav.login')}</a>
        </p>
      ) : (
        <ResourceView resource={resource}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState message={t('notifications.empty')} />
            ) : (
              <ul className="plain-list">
                {data.items.map((n) => {
                  const link = linkOf(n);
                  return (
                    <li key={n.eventId} className="panel">
                      <p className="comment__meta">
                        {labelFor('notification', n.kind)} · <DateTime value={n.occurredAt} /> ·{' '}
                        <a href={href.ledger(n.position, n.position)}>{t('notifications.onLedger', { position: n.position })}</a>
                      </p>
                      <p>{link ? <a href={link}>{n.summary}</a> : n.summary}</p>
                    </li>
                  );
                })}
              </ul>
            )
          }
        </ResourceView>
      )}
    </>
  );
}
