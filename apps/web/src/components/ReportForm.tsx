import { useState, type FormEvent } from 'react';
import { moderationApi, REPORT_CATEGORIES, type ModerationTarget } from '../api/moderation';
import { useAction } from '../hooks/useAction';
import { labelFor, t } from '../i18n/t';
import { signAct } from '../keys/sign';
import { signerOf, useMe } from '../session/MemberContext';
import { ActionProblem } from './ActionProblem';
import { Field, fieldMessage } from './Field';

/** "Report…": a signed report of a proposal, a comment or a member to the moderators. */
export function ReportForm({ target, label }: { target: ModerationTarget; label: string }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<string>('spam');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    const { token, key } = signerOf(me);
    const reportId = crypto.randomUUID();
    const act = await signAct(key, 'moderation.ReportContent', { reportId, target, category, note: note.trim() });
    await moderationApi.report(token, { reportId, target, category, note: note.trim(), act });
    setOpen(false);
    setNote('');
    setDone(true);
  });
  if (!me.session) return null;
  if (done) return <p role="status" className="success-text">{t('report.sent')}</p>;
  if (!open) {
    return (
      <button type="button" className="button button--secondary button--small" aria-expanded={false} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = note.trim().length >= 1 && note.trim().length <= 2000;
    setError(ok ? undefined : t('report.noteInvalid'));
    if (ok) void action.run();
  };
  return (
    <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={label}>
      <ActionProblem action={action} />
      <Field label={t('report.category')}>
        {({ id }) => (
          <select id={id} value={category} onChange={(e) => setCategory(e.target.value)}>
            {REPORT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {labelFor('report.category', c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('report.note')} hint={t('report.noteHint')} error={fieldMessage(action.problem, 'note', error)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={action.busy}>
          {action.busy ? t('common.signing') : t('report.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
