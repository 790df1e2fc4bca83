import { useState, type FormEvent } from 'react';
import { ACTION_KINDS, moderationApi, type ModerationTarget, type ReportItem } from '../../api/moderation';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href, navigate } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

export function TargetLink({ target }: { target: ModerationTarget }) {
  if (target.kind === 'member') return <span className="mono">{labelFor('moderation.target', 'member')} {target.memberId.slice(0, 8)}</span>;
  return <a href={href.proposal(target.proposalId)}>{labelFor('moderation.target', target.kind)}</a>;
}

/** Moderators: the open reports, oldest first, each with a form to act on it. */
export function ModerationQueueScreen() {
  const me = useMe();
  const token = me.session?.token ?? null;
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const reports = useResource(`reports:${token ?? ''}:${atPosition ?? ''}`, (signal) =>
    token ? moderationApi.reports(token, signal, atPosition) : Promise.resolve({ items: [], total: 0 }),
    REFRESH_MS * 3,
  );
  return (
    <>
      <h1 tabIndex={-1}>{t('queue.title')}</h1>
      <p className="intro">{t('queue.intro')}</p>
      <ResourceView resource={reports}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((r) => (
                <li key={r.reportId} className="panel" data-report={r.reportId}>
                  <p>
                    <strong>{labelFor('report.category', r.category)}</strong> · <TargetLink target={r.target} /> · <DateTime value={r.reportedAt} />
                  </p>
                  <p className="comment__body">{r.note}</p>
                  <ActForm report={r} onDone={setAtPosition} />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

function ActForm({ report, onDone }: { report: ReportItem; onDone: (position: number) => void }) {
  const me = useMe();
  const [kind, setKind] = useState<string>(report.target.kind === 'member' ? 'warn' : 'hide');
  const [rule, setRule] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ rule?: string; reason?: string }>({});
  const action = useAction(async () => {
    const { token, key } = signerOf(me);
    const actionId = crypto.randomUUID();
    const fields = { actionId, target: report.target, kind, rule: rule.trim(), reason: reason.trim(), until: null, resolves: [report.reportId] };
    const act = await signAct(key, 'moderation.TakeAction', fields);
    const { position } = await moderationApi.act(token, { ...fields, act });
    await moderationApi.action(actionId, undefined, position);
    onDone(position);
    navigate(href.moderationAction(actionId));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (rule.trim().length < 1 || rule.trim().length > 200) found.rule = t('queue.ruleInvalid');
    if (reason.trim().length < 1 || reason.trim().length > 1000) found.reason = t('queue.reasonInvalid');
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t('queue.act')}>
      <ActionProblem action={action} />
      <div className="form__row">
        <Field label={t('queue.kind')}>
          {({ id }) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
              {ACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labelFor('moderation.kind', k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('queue.rule')} error={fieldMessage(action.problem, 'rule', errors.rule)}>
          {({ id, describedBy, invalid }) => <input id={id} value={rule} onChange={(e) => setRule(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
      </div>
      <Field label={t('queue.reason')} hint={t('queue.reasonHint')} error={fieldMessage(action.problem, 'reason', errors.reason)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={action.busy}>
          {action.busy ? t('common.signing') : t('queue.submit')}
        </button>
      </div>
    </form>
  );
}
