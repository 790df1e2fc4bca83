import { useState, type FormEvent } from 'react';
import { memberApi } from '../api/commands';
import { ActionProblem } from '../components/ActionProblem';
import { Field, fieldMessage } from '../components/Field';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { href, navigate } from '../routing/routes';
import { session } from '../session/session';

export function LoginScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const action = useAction(async () => {
    const login = await memberApi.login({ email: email.trim(), password });
    session.start(login.memberId, login.accessToken, login.expiresIn);
    navigate(href.account());
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: { email?: string; password?: string } = {};
    if (!email.includes('@')) found.email = t('register.emailInvalid');
    if (password === '') found.password = t('login.passwordMissing');
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      <ActionProblem action={action} />
      <form className="panel form" onSubmit={onSubmit} noValidate>
        <Field label={t('register.email')} error={fieldMessage(action.problem, 'email', errors.email)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} required />
          )}
        </Field>
        <Field label={t('register.password')} error={fieldMessage(action.problem, 'password', errors.password)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} required />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t('common.sending') : t('login.submit')}
          </button>
          <a href={href.register()}>{t('login.noAccount')}</a>
        </div>
      </form>
    </>
  );
}
