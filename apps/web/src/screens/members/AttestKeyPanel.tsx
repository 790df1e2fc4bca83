import { useId, useState, type FormEvent } from 'react';
import { request as send } from '../../api/client';
import { publicApi } from '../../api/commands';
import { ActionProblem } from '../../components/ActionProblem';
import { Field } from '../../components/Field';
import { LocalProblem, useAction } from '../../hooks/useAction';
import { t } from '../../i18n/t';
import { readRotationRequest, signRotationRequest, type RotationRequest } from '../../keys/rotation-request';
import { signerOf, useMe } from '../../session/MemberContext';

/**
 * A verifier or steward vouches, in person, for the new key of a member who lost theirs: the
 * member's device shows a request; pasted here it is checked, shown, and signed as it stands.
 */
export function AttestKeyPanel({ onDone }: { onDone: (position: number) => void }) {
  const me = useMe();
  const headingId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [checked, setChecked] = useState<{ request: RotationRequest; handle: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const check = useAction(async () => {
    const { key } = signerOf(me);
    const read = await readRotationRequest(text.trim(), key);
    if (typeof read === 'string') {
      setError(t(`attestKey.problem.${read}`));
      return;
    }
    const member = await publicApi.member(read.memberId);
    if (!member.keys.some((k) => k.keyId === read.oldKeyId && (k.retiredPosition === null || k.retiredPosition === undefined))) {
      setError(t('attestKey.problem.not-their-key'));
      return;
    }
    setError(undefined);
    setChecked({ request: read, handle: member.handle });
  });

  const attest = useAction(async (r: RotationRequest, handle: string) => {
    const { token, key } = signerOf(me);
    if (key.keyId !== r.verifierKeyId) throw new LocalProblem({ type: 'about:blank', status: 0, title: t('attestKey.title'), detail: t('attestKey.problem.other-key') });
    const act = await signRotationRequest(key, r);
    const { position } = await send<{ keyId: string; position: number }>(`/members/${encodeURIComponent(r.memberId)}/attested-key-rotations`, {
      method: 'POST',
      token,
      body: { oldKeyId: r.oldKeyId, publicKey: r.publicKey, possession: r.possession, act },
    });
    setChecked(null);
    setText('');
    setDone(handle);
    onDone(position);
  });

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (text.trim() === '') setError(t('attestKey.problem.not-json'));
    else void check.run();
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('attestKey.title')}</h2>
      <p>{t('attestKey.intro')}</p>
      {done ? (
        <p role="status" className="success-text">
          {t('attestKey.done', { handle: done })}
        </p>
      ) : null}
      {checked ? (
        <div className="subpanel">
          <p>{t('attestKey.confirm', { handle: checked.handle, oldKeyId: checked.request.oldKeyId })}</p>
          <ActionProblem action={attest} />
          <div className="form__actions">
            <button type="button" className="button" aria-disabled={attest.busy} onClick={() => void attest.run(checked.request, checked.handle)}>
              {attest.busy ? t('common.signing') : t('attestKey.submit', { handle: checked.handle })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setChecked(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={onCheck} noValidate aria-label={t('attestKey.title')}>
          <ActionProblem action={check} />
          <Field label={t('attestKey.request')} hint={t('attestKey.requestHint')} error={error}>
            {({ id, describedBy, invalid }) => (
              <textarea id={id} className="mono" rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} spellCheck={false} />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" aria-disabled={check.busy}>
              {t('attestKey.check')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
