import { useState, type FormEvent } from 'react';
import { memberApi } from '../api/commands';
import { ActionProblem } from '../components/ActionProblem';
import { Field, fieldMessage } from '../components/Field';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { href, navigate } from '../routing/routes';
import { session } from '../session/session';

const HANDLE = /^[a-z][a-z0-9_-]{2,31}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Errors {
  email?: string;
  password?: string;
  handle?: string;
}

function validate(email: string, password: string, handle: string): Errors {
  const errors: Errors = {};
  if (!EMAIL.test(email)) errors.email = t('register.emailInvalid');
  if (password.length < 10 || password.length > 200) errors.password = t('register.passwordInvalid');
  if (!HANDLE.test(handle)) errors.handle = t('register.handleInvalid');
  return errors;
}

/** Joining: the account (private email and password) and the public handle; the signing key comes next, on the account page. */
export function RegisterScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [handle, setHandle] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const action = useAction(async () => {
    await memberApi.register({ email, password, handle });
    const login = await memberApi.login({ email, password });
    session.start(login.memberId, login.accessToken, login.expiresIn);
    navigate(href.account());
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(email.trim(), password, handle);
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('register.title')}</h1>
      <p className="intro">{t('register.intro')}</p>
      <ActionProblem action={action} />
      <form className="panel form" onSubmit={onSubmit} noValidate>
        <Field label={t('register.handle')} hint={t('register.handleHint')} error={fieldMessage(action.problem, 'handle', errors.handle)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="handle" autoComplete="username" value={handle} onChange={(e) => setHandle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} required />
          )}
        </Field>
        <Field label={t('register.email')} hint={t('register.emailHint')} error={fieldMessage(action.problem, 'email', errors.email)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} required />
          )}
        </Field>
        <Field label={t('register.password')} hint={t('register.passwordHint')} error={fieldMessage(action.problem, 'password', errors.password)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} required />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t('common.sending') : t('register.submit')}
          </button>
          <a href={href.login()}>{t('register.haveAccount')}</a>
        </div>
      </form>
    </>
  );
}
