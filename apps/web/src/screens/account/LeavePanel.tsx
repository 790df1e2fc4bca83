import { useId, useState, type FormEvent } from 'react';
import { request } from '../../api/client';
import type { Written } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { Field } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n/t';
import { keystore } from '../../keys/keystore';
import { signAct } from '../../keys/sign';
import { signerOf, useMe } from '../../session/MemberContext';
import { session } from '../../session/session';

/**
 * Leaving is final (email, password and verification evidence are erased), so it takes two steps:
 * open the panel, then type one's own handle before the act is signed.
 */
export function LeavePanel({ onLeft }: { onLeft: () => void }) {
  const me = useMe();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [handle, setHandle] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const leave = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'members.Leave', {});
    await request<Written>('/members/me/leave', { method: 'POST', token, body: { act } });
    // The key can sign nothing any more: it goes with the session.
    await keystore.remove(key.memberId);
    onLeft();
    session.end();
  });
  const expected = me.member?.handle ?? '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = expected !== '' && handle.trim() === expected;
    setError(ok ? undefined : t('leave.handleMismatch', { handle: expected }));
    if (ok) void leave.run();
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('leave.title')}</h2>
      <p>{t('leave.intro')}</p>
      {open ? (
        <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={t('leave.confirmTitle')}>
          <h3>{t('leave.confirmTitle')}</h3>
          <p>{t('leave.consequences')}</p>
          <ActionProblem action={leave} />
          <Field label={t('leave.typeHandle', { handle: expected })} error={error}>
            {({ id, describedBy, invalid }) => (
              <input id={id} autoComplete="off" value={handle} onChange={(e) => setHandle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--danger" aria-disabled={leave.busy}>
              {leave.busy ? t('common.signing') : t('leave.submit')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setOpen(false);
                setHandle('');
                setError(undefined);
              }}
            >
              {t('leave.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {t('leave.open')}
          </button>
        </p>
      )}
    </section>
  );
}
