import { useId, useState, type FormEvent } from 'react';
import { memberApi, publicApi } from '../../api/commands';
import type { CommentNode } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ReportForm } from '../../components/ReportForm';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { t } from '../../i18n/t';
import { bodySha256, signAct } from '../../keys/sign';
import { signerOf, useMe } from '../../session/MemberContext';

/** The proposal's discussion: the thread, and a form to post a signed comment. */
export function Comments({ proposalId }: { proposalId: string }) {
  const me = useMe();
  const headingId = useId();
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const resource = useResource(`comments:${proposalId}:${atPosition ?? ''}`, (signal) => publicApi.comments(proposalId, signal, atPosition), REFRESH_MS * 3);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const post = useAction(async () => {
    const { token, key } = signerOf(me);
    const commentId = crypto.randomUUID();
    const act = await signAct(key, 'governance.PostComment', { proposalId, commentId, parentId: null, bodySha256: await bodySha256(body) });
    const { position } = await memberApi.comment(token, proposalId, { commentId, parentId: null, body, act });
    setBody('');
    setAtPosition(position);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = body.trim().length > 0 && body.length <= 4000;
    setError(ok ? undefined : t('comments.bodyInvalid'));
    if (ok) void post.run();
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('comments.title')}</h2>
      <ResourceView resource={resource}>
        {(data) => (data.items.length === 0 ? <p>{t('comments.empty')}</p> : <Thread items={data.items} proposalId={proposalId} />)}
      </ResourceView>
      {me.session ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <ActionProblem action={post} />
          <Field label={t('comments.new')} error={fieldMessage(post.problem, 'body', error)}>
            {({ id, describedBy, invalid }) => (
              <textarea id={id} name="comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" aria-disabled={post.busy}>
              {post.busy ? t('common.signing') : t('comments.post')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Thread({ items, proposalId }: { items: CommentNode[]; proposalId: string }) {
  return (
    <ul className="thread">
      {items.map((comment) => (
        <li key={comment.commentId} className="comment">
          <p className="comment__meta">
            <span className="mono">{comment.authorId.slice(0, 8)}</span> · <DateTime value={comment.postedAt} />
          </p>
          <p className="comment__body">{comment.body ?? (comment.moderation ? t(`comments.moderation.${comment.moderation}`) : t('comments.retracted'))}</p>
          {comment.body !== null ? <ReportForm target={{ kind: 'comment', proposalId, commentId: comment.commentId }} label={t('report.comment')} /> : null}
          {comment.replies.length > 0 ? <Thread items={comment.replies} proposalId={proposalId} /> : null}
        </li>
      ))}
    </ul>
  );
}
