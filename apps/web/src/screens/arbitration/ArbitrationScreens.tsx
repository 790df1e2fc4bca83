import { useState, type FormEvent } from 'react';
import { request } from '../../api/client';
import { publicApi } from '../../api/commands';
import type { Page, Written } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

interface CaseSummary {
  caseId: string;
  subject: { kind: 'transaction' | 'contract'; id: string };
  parties: string[];
  disputedBy: string;
  disputeReason: string;
  arbiterId: string | null;
  status: 'open' | 'decided';
  decision: { outcome: string; rationale: string; decidedAt: string } | null;
  openedAt: string;
}

interface CaseDetail extends CaseSummary {
  statements: { partyId: string; revision: number; statement: string; submittedAt: string }[];
}

const OUTCOMES = ['upheld', 'rejected', 'split'] as const;

function useHandles() {
  const members = useResource('members-for-arbitration', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  return (id: string | null) => (id === null ? t('common.notSet') : (members.data?.items.find((m) => m.memberId === id)?.handle ?? id.slice(0, 8)));
}

/** Arbitration cases: disputed transactions and contracts, their statements and decisions. */
export function ArbitrationScreen() {
  const handleOf = useHandles();
  const cases = useResource('arbitration-cases', (signal) => request<Page<CaseSummary>>('/arbitration/cases', { signal, query: { limit: 50, offset: 0 } }), REFRESH_MS * 3);
  return (
    <>
      <h1 tabIndex={-1}>{t('arbitration.title')}</h1>
      <p className="intro">{t('arbitration.intro')}</p>
      <ResourceView resource={cases}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('arbitration.empty')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((c) => (
                <li key={c.caseId}>
                  <a href={href.arbitrationCase(c.caseId)}>{t('arbitration.caseOf', { kind: labelFor('arbitration.subject', c.subject.kind) })}</a> ·{' '}
                  {labelFor('arbitration.status', c.status)} · {t('arbitration.arbiter')}: {handleOf(c.arbiterId)} · <DateTime value={c.openedAt} />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

export function ArbitrationCaseScreen({ caseId }: { caseId: string }) {
  const me = useMe();
  const handleOf = useHandles();
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const detail = useResource(`arbitration-case:${caseId}:${atPosition ?? ''}`, (signal) => request<CaseDetail>(`/arbitration/cases/${encodeURIComponent(caseId)}`, { signal, query: { atPosition } }));
  return (
    <>
      <p className="back-link">
        <a href={href.arbitration()}>
          <span aria-hidden="true">← </span>
          {t('arbitration.back')}
        </a>
      </p>
      <h1 tabIndex={-1}>{t('arbitration.case')}</h1>
      <ResourceView resource={detail}>
        {(c) => (
          <>
            <section className="panel">
              <dl className="facts">
                <div>
                  <dt>{t('arbitration.subjectLabel')}</dt>
                  <dd>
                    {c.subject.kind === 'contract' ? <a href={href.contract(c.subject.id)}>{labelFor('arbitration.subject', 'contract')}</a> : labelFor('arbitration.subject', c.subject.kind)}
                  </dd>
                </div>
                <div>
                  <dt>{t('arbitration.parties')}</dt>
                  <dd>{c.parties.map(handleOf).join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('arbitration.arbiter')}</dt>
                  <dd>{handleOf(c.arbiterId)}</dd>
                </div>
                <div>
                  <dt>{t('proposals.col.status')}</dt>
                  <dd>{labelFor('arbitration.status', c.status)}</dd>
                </div>
              </dl>
              <p className="comment__body">
                <strong>{t('arbitration.disputeReason', { handle: handleOf(c.disputedBy) })}:</strong> {c.disputeReason}
              </p>
              {c.decision ? (
                <p className="comment__body">
                  <strong>{labelFor('arbitration.outcome', c.decision.outcome)}:</strong> {c.decision.rationale}
                </p>
              ) : null}
            </section>
            <section className="panel" aria-labelledby="statements">
              <h2 id="statements">{t('arbitration.statements')}</h2>
              {c.statements.length === 0 ? <p>{t('arbitration.noStatements')}</p> : null}
              <ul className="plain-list">
                {c.statements.map((s) => (
                  <li key={`${s.partyId}:${s.revision}`}>
                    <strong>{handleOf(s.partyId)}</strong> (<DateTime value={s.submittedAt} />): <span className="comment__body">{s.statement}</span>
                  </li>
                ))}
              </ul>
            </section>
            {c.status === 'open' && me.session && c.parties.includes(me.session.memberId) ? <StatementForm caseId={caseId} onDone={setAtPosition} /> : null}
            {c.status === 'open' && me.session && c.arbiterId === me.session.memberId ? <DecisionForm caseId={caseId} onDone={setAtPosition} /> : null}
          </>
        )}
      </ResourceView>
    </>
  );
}

function StatementForm({ caseId, onDone }: { caseId: string; onDone: (p: number) => void }) {
  const me = useMe();
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'arbitration.SubmitStatement', { caseId, statement: statement.trim() });
    const { position } = await request<Written>(`/arbitration/cases/${encodeURIComponent(caseId)}/statements`, { method: 'POST', token, body: { statement: statement.trim(), act } });
    setStatement('');
    onDone(position);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = statement.trim().length > 0;
    setError(ok ? undefined : t('moderationAction.statementInvalid'));
    if (ok) void submit.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('arbitration.yourStatement')}>
      <h2>{t('arbitration.yourStatement')}</h2>
      <ActionProblem action={submit} />
      <Field label={t('moderationAction.statement')} error={fieldMessage(submit.problem, 'statement', error)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={4} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={submit.busy}>
          {submit.busy ? t('common.signing') : t('arbitration.statementSubmit')}
        </button>
      </div>
    </form>
  );
}

function DecisionForm({ caseId, onDone }: { caseId: string; onDone: (p: number) => void }) {
  const me = useMe();
  const [outcome, setOutcome] = useState<string>('upheld');
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const decide = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'arbitration.DecideCase', { caseId, outcome, rationale: rationale.trim() });
    const { position } = await request<Written>(`/arbitration/cases/${encodeURIComponent(caseId)}/decision`, { method: 'POST', token, body: { outcome, rationale: rationale.trim(), act } });
    onDone(position);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = rationale.trim().length > 0;
    setError(ok ? undefined : t('queue.reasonInvalid'));
    if (ok) void decide.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('arbitration.decide')}>
      <h2>{t('arbitration.decide')}</h2>
      <ActionProblem action={decide} />
      <Field label={t('moderationAction.outcome')}>
        {({ id }) => (
          <select id={id} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {labelFor('arbitration.outcome', o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('arbitration.rationale')} error={fieldMessage(decide.problem, 'rationale', error)}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={decide.busy}>
          {decide.busy ? t('common.signing') : t('arbitration.decideSubmit')}
        </button>
      </div>
    </form>
  );
}
