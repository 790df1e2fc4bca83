import { useEffect, useRef, useState, type FormEvent } from 'react';
import { publicApi } from '../../api/commands';
import type { MemberDetail } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { Field } from '../../components/Field';
import { LocalProblem, useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { t } from '../../i18n/t';
import { backupFile, createKey, MIN_PASSPHRASE_LENGTH } from '../../keys/backup';
import { keystore, type StoredKey } from '../../keys/keystore';
import { makeRotationRequest, type RotationRequest } from '../../keys/rotation-request';
import { useMe } from '../../session/MemberContext';

const activeKeys = (member: MemberDetail) => member.keys.filter((k) => k.retiredPosition === null || k.retiredPosition === undefined);

/**
 * The key is lost (no device and no backup has it): a new key is made here and a verifier or
 * steward vouches for it in person, which retires the lost one. The new key is kept on this
 * device only once the log has it; until then its backup file is the way to get it back.
 */
export function LostKeyForm({ member, onBackup }: { member: MemberDetail; onBackup: (file: { url: string; name: string }) => void }) {
  const me = useMe();
  const lost = activeKeys(member);
  const verifiers = useResource('verifiers-for-rotation', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const candidates = (verifiers.data?.items ?? []).filter((m) => m.memberId !== member.memberId && m.roles.some((r) => r === 'verifier' || r === 'steward'));
  const [open, setOpen] = useState(false);
  const [verifierId, setVerifierId] = useState('');
  const [oldKeyId, setOldKeyId] = useState(lost[0]?.keyId ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ verifier?: string; passphrase?: string; confirm?: string }>({});
  const [pending, setPending] = useState<{ key: StoredKey; request: RotationRequest } | null>(null);

  const prepare = useAction(async () => {
    const verifier = activeKeys(await publicApi.member(verifierId)).sort((a, b) => b.registeredPosition - a.registeredPosition)[0];
    if (!verifier) throw new LocalProblem({ type: 'about:blank', status: 0, title: t('lostKey.noVerifierKey.title'), detail: t('lostKey.noVerifierKey.detail') });
    const { key, backup } = await createKey(member.memberId, passphrase);
    const request = await makeRotationRequest(key, oldKeyId, { memberId: verifierId, keyId: verifier.keyId });
    setPassphrase('');
    setConfirm('');
    onBackup(backupFile(backup));
    setPending({ key, request });
  });

  if (lost.length === 0) return null;
  if (pending) return <AwaitVerifier key={pending.key.keyId} pending={pending} onLanded={() => me.refresh()} />;
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('lostKey.open')}
        </button>
      </p>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!candidates.some((c) => c.memberId === verifierId)) found.verifier = t('lostKey.verifierMissing');
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) found.passphrase = t('key.passphraseShort', { min: MIN_PASSPHRASE_LENGTH });
    if (confirm !== passphrase) found.confirm = t('key.passphraseMismatch');
    setErrors(found);
    if (Object.keys(found).length === 0) void prepare.run();
  };
  return (
    <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={t('lostKey.title')}>
      <h3>{t('lostKey.title')}</h3>
      <p>{t('lostKey.intro')}</p>
      <ActionProblem action={prepare} />
      <Field label={t('lostKey.verifier')} error={errors.verifier}>
        {({ id, describedBy, invalid }) => (
          <select id={id} value={verifierId} onChange={(e) => setVerifierId(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">{t('lostKey.chooseVerifier')}</option>
            {candidates.map((c) => (
              <option key={c.memberId} value={c.memberId}>
                {c.handle}
              </option>
            ))}
          </select>
        )}
      </Field>
      {lost.length > 1 ? (
        <Field label={t('lostKey.which')}>
          {({ id }) => (
            <select id={id} className="mono" value={oldKeyId} onChange={(e) => setOldKeyId(e.target.value)}>
              {lost.map((k) => (
                <option key={k.keyId} value={k.keyId}>
                  {k.keyId}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('key.newPassphrase')} hint={t('key.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })} error={errors.passphrase}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t('key.newPassphraseConfirm')} error={errors.confirm}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={prepare.busy}>
          {prepare.busy ? t('common.working') : t('lostKey.submit')}
        </button>
      </div>
    </form>
  );
}

/** Shows the request to hand to the verifier and waits for the rotation to reach the log. */
function AwaitVerifier({ pending, onLanded }: { pending: { key: StoredKey; request: RotationRequest }; onLanded: () => Promise<void> }) {
  const { key, request } = pending;
  const member = useResource(`rotation-wait:${key.keyId}`, (signal) => publicApi.member(key.memberId, signal), REFRESH_MS);
  const landed = member.data?.keys.some((k) => k.keyId === key.keyId) ?? false;
  const stored = useRef(false);
  useEffect(() => {
    if (!landed || stored.current) return;
    stored.current = true;
    void keystore.put(key).then(onLanded);
  }, [landed, key, onLanded]);
  return (
    <section className="subpanel" aria-label={t('lostKey.requestTitle')}>
      <h3>{t('lostKey.requestTitle')}</h3>
      <p>{t('lostKey.requestIntro')}</p>
      <Field label={t('lostKey.request')}>
        {({ id }) => <textarea id={id} className="mono" rows={6} readOnly value={JSON.stringify(request)} onFocus={(e) => e.currentTarget.select()} />}
      </Field>
      <p role="status" data-testid="rotation-status">
        {landed ? t('lostKey.landed') : t('lostKey.waiting')}
      </p>
    </section>
  );
}
