import { useState, type FormEvent } from 'react';
import { request } from '../../api/client';
import type { Page, Written } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href, navigate } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

export interface ElectionSummary {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  status: 'called' | 'closed';
  /** Where it stands on the server's clock; forms follow this, never the device's clock. */
  phase: 'nominations' | 'voting' | 'counting' | 'closed';
  nominationsCloseAt: string;
  closesAt: string;
  voters: number;
  winners: string[] | null;
}

const METHODS = ['stv', 'irv', 'approval'] as const;
const ROLES = ['steward', 'verifier', 'moderator', 'arbiter'] as const;
const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Elections: ranked ballots for roles and seats; stewards call them. */
export function ElectionsScreen() {
  const me = useMe();
  const list = useResource('elections', (signal) => request<Page<ElectionSummary>>('/elections', { signal, query: { limit: 50, offset: 0 } }), REFRESH_MS * 3);
  return (
    <>
      <h1 tabIndex={-1}>{t('elections.title')}</h1>
      <p className="intro">{t('elections.intro')}</p>
      <ResourceView resource={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('elections.empty')}</p>
          ) : (
            <DataTable caption={t('elections.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('proposals.col.title')}</th>
                  <th scope="col">{t('elections.seats')}</th>
                  <th scope="col">{t('elections.method')}</th>
                  <th scope="col">{t('proposals.col.status')}</th>
                  <th scope="col">{t('proposals.col.closesAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.electionId}>
                    <th scope="row">
                      <a href={href.election(e.electionId)}>{e.title}</a>
                    </th>
                    <td className="numeric">{e.seats}</td>
                    <td>{labelFor('electionMethod', e.method)}</td>
                    <td>{labelFor('electionPhase', e.phase)}</td>
                    <td>
                      <DateTime value={e.closesAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </ResourceView>
      {me.member?.roles.includes('steward') ? <CallElectionForm /> : null}
    </>
  );
}

function CallElectionForm() {
  const me = useMe();
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<string>('');
  const [seats, setSeats] = useState('1');
  const [method, setMethod] = useState<string>('stv');
  const [nominationMinutes, setNominationMinutes] = useState('60');
  const [votingMinutes, setVotingMinutes] = useState('1440');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const call = useAction(async () => {
    const { token, key } = signerOf(me);
    const electionId = crypto.randomUUID();
    const fields = {
      electionId,
      title: title.trim(),
      role: role === '' ? null : role,
      seats: Number(seats),
      method,
      nominationsCloseAt: isoIn(Number(nominationMinutes)),
      closesAt: isoIn(Number(nominationMinutes) + Number(votingMinutes)),
    };
    const act = await signAct(key, 'governance.CallElection', fields);
    await request<Written>('/elections', { method: 'POST', token, body: { ...fields, act } });
    navigate(href.election(electionId));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (title.trim().length < 1 || title.trim().length > 200) found.title = t('newProposal.titleInvalid');
    if (!/^\d{1,2}$/.test(seats) || Number(seats) < 1) found.seats = t('elections.seatsInvalid');
    if (!/^\d+$/.test(nominationMinutes) || Number(nominationMinutes) < 2) found.nominations = t('proposal.minutesInvalid', { max: 129600 });
    if (!/^\d+$/.test(votingMinutes) || Number(votingMinutes) < 2) found.voting = t('proposal.minutesInvalid', { max: 129600 });
    setErrors(found);
    if (Object.keys(found).length === 0) void call.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('elections.call')}>
      <h2>{t('elections.call')}</h2>
      <ActionProblem action={call} />
      <Field label={t('newProposal.titleLabel')} error={fieldMessage(call.problem, 'title', errors.title)}>
        {({ id, describedBy, invalid }) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__row">
        <Field label={t('elections.role')}>
          {({ id }) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">{t('elections.noRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {labelFor('role', r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('elections.seats')} error={fieldMessage(call.problem, 'seats', errors.seats)}>
          {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" value={seats} onChange={(e) => setSeats(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t('elections.method')}>
          {({ id }) => (
            <select id={id} value={method} onChange={(e) => setMethod(e.target.value)}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {labelFor('electionMethod', m)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form__row">
        <Field label={t('elections.nominationMinutes')} error={fieldMessage(call.problem, 'nominationsCloseAt', errors.nominations)}>
          {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" value={nominationMinutes} onChange={(e) => setNominationMinutes(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t('elections.votingMinutes')} error={fieldMessage(call.problem, 'closesAt', errors.voting)}>
          {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" value={votingMinutes} onChange={(e) => setVotingMinutes(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={call.busy}>
          {call.busy ? t('common.signing') : t('elections.callSubmit')}
        </button>
      </div>
    </form>
  );
}
