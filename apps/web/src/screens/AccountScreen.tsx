import { useEffect, useId, useState, type FormEvent } from 'react';
import { memberApi, publicApi } from '../api/commands';
import { ActionProblem } from '../components/ActionProblem';
import { Field } from '../components/Field';
import { LoadingState } from '../components/LoadingState';
import { LocalProblem, useAction } from '../hooks/useAction';
import { labelFor, t } from '../i18n/t';
import { BackupError, backupFile, createKey, MIN_PASSPHRASE_LENGTH, parseBackup, restoreKey } from '../keys/backup';
import { keystore, type StoredKey } from '../keys/keystore';
import { signAct, signActBytes } from '../keys/sign';
import { toBase64url } from '../keys/bytes';
import { request } from '../api/client';
import { href } from '../routing/routes';
import { useMe } from '../session/MemberContext';
import { session } from '../session/session';
import { LeavePanel } from './account/LeavePanel';
import { LostKeyForm } from './account/LostKeyForm';

function backupProblem(error: unknown): never {
  if (error instanceof BackupError) {
    throw new LocalProblem({ type: 'about:blank', status: 0, title: t('key.backupFailed'), detail: t(`key.backup.${error.reason}`) });
  }
  throw error;
}

/** The logged-in member: who they are on the log, and this device's signing key (create, back up, restore, register). */
export function AccountScreen() {
  const me = useMe();
  const [left, setLeft] = useState(false);
  if (left) {
    return (
      <>
        <h1 tabIndex={-1}>{t('account.title')}</h1>
        <p role="status" className="notice">
          {t('leave.done')}
        </p>
      </>
    );
  }
  if (!me.session) {
    return (
      <>
        <h1 tabIndex={-1}>{t('account.title')}</h1>
        <p>
          {t('account.loggedOut')} <a href={href.login()}>{t('nav.login')}</a> · <a href={href.register()}>{t('nav.register')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <Identity />
      <KeyPanel />
      <p>
        <button type="button" className="button button--secondary" onClick={() => session.end()}>
          {t('account.logout')}
        </button>
      </p>
      {me.member && me.member.status?.kind !== 'left' ? <LeavePanel onLeft={() => setLeft(true)} /> : null}
    </>
  );
}

function Identity() {
  const { member } = useMe();
  const headingId = useId();
  if (!member) return <LoadingState />;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.identity')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('account.handle')}</dt>
          <dd>{member.handle}</dd>
        </div>
        <div>
          <dt>{t('account.memberId')}</dt>
          <dd className="mono">{member.memberId}</dd>
        </div>
        <div>
          <dt>{t('account.verified')}</dt>
          <dd data-testid="verified">{member.verified ? t('account.verifiedYes') : t('account.verifiedNo')}</dd>
        </div>
        <div>
          <dt>{t('account.roles')}</dt>
          <dd>{member.roles.length === 0 ? t('common.notSet') : member.roles.map((r) => labelFor('role', r)).join(', ')}</dd>
        </div>
      </dl>
    </section>
  );
}

function KeyPanel() {
  const me = useMe();
  const headingId = useId();
  const [backup, setBackup] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => () => (backup ? URL.revokeObjectURL(backup.url) : undefined), [backup]);

  const register = useAction(async (key: StoredKey) => {
    const { token } = me.session!;
    const act = await signAct(key, 'members.RegisterKey', { publicKey: key.publicKey });
    const { position } = await memberApi.registerKey(token, key.publicKey, act);
    await me.refresh(position);
  });

  const registered = me.key && me.member?.keys.some((k) => k.keyId === me.key!.keyId);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('key.title')}</h2>
      <p className="intro">{t('key.intro')}</p>
      {backup ? (
        <div className="notice" role="status">
          <p>{t('key.backupReady')}</p>
          <a className="button" href={backup.url} download={backup.name}>
            {t('key.downloadBackup')}
          </a>
        </div>
      ) : null}
      {me.key === undefined || !me.member ? (
        <LoadingState />
      ) : me.key ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('key.keyId')}</dt>
              <dd className="mono" data-testid="key-id">{me.key.keyId}</dd>
            </div>
            <div>
              <dt>{t('key.status')}</dt>
              <dd data-testid="key-status">{registered ? t('key.registered') : t('key.notRegistered')}</dd>
            </div>
          </dl>
          <ActionProblem action={register} />
          {registered ? (
            <RotateKeyForm current={me.key} onRotated={(file) => setBackup(file)} />
          ) : (
            <button type="button" className="button" aria-disabled={register.busy} onClick={() => void register.run(me.key!)}>
              {t('key.register')}
            </button>
          )}
        </>
      ) : (
        <>
          <CreateKeyForm
            onCreated={async (key, file) => {
              setBackup(file);
              await me.refresh();
              await register.run(key);
            }}
          />
          <RestoreKeyForm
            onRestored={async (key) => {
              // A key restored on a new device is usually registered already; register it only when not.
              const detail = await publicApi.member(key.memberId);
              if (!detail.keys.some((k) => k.keyId === key.keyId)) await register.run(key);
              await me.refresh();
            }}
          />
          <ActionProblem action={register} />
          <LostKeyForm member={me.member} onBackup={setBackup} />
        </>
      )}
    </section>
  );
}

/** Replacing the key: the old key signs the act, the new key signs the same bytes (possession); the new key gets its own backup. */
function RotateKeyForm({ current, onRotated }: { current: StoredKey; onRotated: (file: { url: string; name: string }) => void }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; confirm?: string }>({});
  const rotate = useAction(async () => {
    const { token } = me.session!;
    const { key, backup } = await createKey(current.memberId, passphrase);
    const { act, bytes } = await signActBytes(current, 'members.RotateKey', { publicKey: key.publicKey });
    const possession = toBase64url(new Uint8Array(await crypto.subtle.sign('Ed25519', key.privateKey, bytes)));
    const { position } = await request<{ position: number }>('/members/me/key-rotations', { method: 'POST', token, body: { publicKey: key.publicKey, possession, act } });
    // Stored only once the log has it: a failed rotation keeps the old key working.
    await keystore.put(key);
    setPassphrase('');
    setConfirm('');
    setOpen(false);
    onRotated(backupFile(backup));
    await me.refresh(position);
  });
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('key.rotate')}
        </button>
      </p>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) found.passphrase = t('key.passphraseShort', { min: MIN_PASSPHRASE_LENGTH });
    if (confirm !== passphrase) found.confirm = t('key.passphraseMismatch');
    setErrors(found);
    if (Object.keys(found).length === 0) void rotate.run();
  };
  return (
    <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={t('key.rotate')}>
      <h3>{t('key.rotate')}</h3>
      <p>{t('key.rotateIntro')}</p>
      <ActionProblem action={rotate} />
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
        <button type="submit" className="button" aria-disabled={rotate.busy}>
          {rotate.busy ? t('common.working') : t('key.rotateSubmit')}
        </button>
      </div>
    </form>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: StoredKey, file: { url: string; name: string }) => Promise<void> }) {
  const me = useMe();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; confirm?: string }>({});
  const action = useAction(async () => {
    const { key, backup } = await createKey(me.session!.memberId, passphrase);
    await keystore.put(key);
    setPassphrase('');
    setConfirm('');
    await onCreated(key, backupFile(backup));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) found.passphrase = t('key.passphraseShort', { min: MIN_PASSPHRASE_LENGTH });
    if (confirm !== passphrase) found.confirm = t('key.passphraseMismatch');
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };
  return (
    <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={t('key.create')}>
      <h3>{t('key.create')}</h3>
      <p>{t('key.createIntro')}</p>
      <ActionProblem action={action} />
      <Field label={t('key.passphrase')} hint={t('key.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })} error={errors.passphrase}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t('key.passphraseConfirm')} error={errors.confirm}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={action.busy}>
          {action.busy ? t('common.working') : t('key.createSubmit')}
        </button>
      </div>
    </form>
  );
}

function RestoreKeyForm({ onRestored }: { onRestored: (key: StoredKey) => Promise<void> }) {
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});
  const action = useAction(async () => {
    const backup = await file!.text().then(parseBackup).catch(backupProblem);
    const key = await restoreKey(backup, passphrase, me.session!.memberId).catch(backupProblem);
    await keystore.put(key);
    setPassphrase('');
    await onRestored(key);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!file) found.file = t('key.fileMissing');
    if (passphrase === '') found.passphrase = t('key.passphraseMissing');
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };
  return (
    <form className="form subpanel" onSubmit={onSubmit} noValidate aria-label={t('key.restore')}>
      <h3>{t('key.restore')}</h3>
      <p>{t('key.restoreIntro')}</p>
      <ActionProblem action={action} />
      <Field label={t('key.backupFile')} error={errors.file}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="backup" type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t('key.backupPassphrase')} error={errors.passphrase}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="restorePassphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" aria-disabled={action.busy}>
          {action.busy ? t('common.working') : t('key.restoreSubmit')}
        </button>
      </div>
    </form>
  );
}
