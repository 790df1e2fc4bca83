import { useState, type FormEvent } from 'react';
import { APPEAL_OUTCOMES, moderationApi, type ModerationActionDetail } from '../../api/moderation';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';
import { TargetLink } from './ModerationQueueScreen';

/** One moderation action: what was done and why; the affected member appeals here, another moderator or an arbiter decides. */
export function ModerationActionScreen({ actionId }: { actionId: string }) {
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const resource = useResource(`moderation-action:${actionId}:${atPosition ?? ''}`, (signal) => moderationApi.action(actionId, signal, atPosition));
  return (
    <>
      <p className="back-link">
        <a href={href.moderationLog()}>
          <span aria-hidden="true">← </span>
          {t('moderation.back')}
        </a>
      </p>
      <h1 tabIndex={-1}>{t('moderationAction.title')}</h1>
      <ResourceView resource={resource}>
        {(a) => (
          <>
            <section className="panel">
              <dl className="facts">
                <div>
                  <dt>{t('queue.kind')}</dt>
                  <dd>{labelFor('moderation.kind', a.kind)}</dd>
                </div>
                <div>
                  <dt>{t('moderation.col.target')}</dt>
                  <dd>
                    <TargetLink target={a.target} />
                  </dd>
                </div>
                <div>
                  <dt>{t('queue.rule')}</dt>
                  <dd>{a.rule}</dd>
                </div>
                <div>
                  <dt>{t('moderation.col.when')}</dt>
                  <dd>
                    <DateTime value={a.takenAt} />
                  </dd>
                </div>
                <div>
                  <dt>{t('moderationAction.appeal')}</dt>
                  <dd data-testid="appeal-status">{labelFor('appealStatus', a.appeal.status)}</dd>
                </div>
              </dl>
              <p className="comment__body">{a.reason}</p>
              {a.appeal.statement ? (
                <p className="comment__body">
                  <strong>{t('moderationAction.statement')}:</strong> {a.appeal.statement}
                </p>
              ) : null}
              {a.appeal.reason ? (
                <p className="comment__body">
                  <strong>{t('moderationAction.decisionReason')}:</strong> {a.appeal.reason}
                </p>
              ) : null}
            </section>
            <AppealForm action={a} onDone={setAtPosition} />
            <DecideForm action={a} onDone={setAtPosition} />
          </>
        )}
      </ResourceView>
    </>
  );
}

function AppealForm({ action: a, onDone }: { action: ModerationActionDetail; onDone: (p: number) => void }) {
  const me = useMe();
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const appeal = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'moderation.AppealAction', { actionId: a.actionId, target: a.target, statement: statement.trim() });
    const { position } = await moderationApi.appeal(token, a.actionId, { target: a.target, statement: statement.trim(), act });
    onDone(position);
  });
  if (me.session?.memberId !== a.affectedMemberId || a.appeal.status !== 'none') return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = statement.trim().length >= 1 && statement.trim().length <= 4000;
    setError(ok ? undefined : t('moderationAction.statementInvalid'));
    if (ok) void appeal.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('moderationAction.appealTitle')}>
      <h2>{t('moderationAction.appealTitle')}</h2>
      <ActionProblem action={appeal} />
      <Field label={t('moderationAction.statement')} hint={t('moderationAction.statementHint')} error={fieldMessage(appeal.problem, 'statement', error)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={4} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={appeal.busy}>
          {appeal.busy ? t('common.signing') : t('moderationAction.appealSubmit')}
        </button>
      </div>
    </form>
  );
}

function DecideForm({ action: a, onDone }: { action: ModerationActionDetail; onDone: (p: number) => void }) {
  const me = useMe();
  const [outcome, setOutcome] = useState<string>('upheld');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const decide = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'moderation.DecideAppeal', { actionId: a.actionId, target: a.target, outcome, reason: reason.trim() });
    const { position } = await moderationApi.decide(token, a.actionId, { target: a.target, outcome, reason: reason.trim(), act });
    onDone(position);
  });
  const roles = me.member?.roles ?? [];
  const mayDecide = roles.includes('arbiter') || (roles.includes('moderator') && me.session?.memberId !== a.moderatorId);
  if (!mayDecide || a.appeal.status !== 'pending') return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = reason.trim().length >= 1 && reason.trim().length <= 1000;
    setError(ok ? undefined : t('queue.reasonInvalid'));
    if (ok) void decide.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('moderationAction.decideTitle')}>
      <h2>{t('moderationAction.decideTitle')}</h2>
      <ActionProblem action={decide} />
      <Field label={t('moderationAction.outcome')}>
        {({ id }) => (
          <select id={id} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {APPEAL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {labelFor('appealStatus', o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('queue.reason')} error={fieldMessage(decide.problem, 'reason', error)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={decide.busy}>
          {decide.busy ? t('common.signing') : t('moderationAction.decideSubmit')}
        </button>
      </div>
    </form>
  );
}
