import { useEffect, useRef, useState, type FormEvent } from 'react';
import { memberApi, publicApi } from '../api/commands';
import { request } from '../api/client';
import type { MemberSummary } from '../api/types';
import { ActionProblem } from '../components/ActionProblem';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { Field, fieldMessage } from '../components/Field';
import { Pagination } from '../components/Pagination';
import { ResourceView } from '../components/ResourceView';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { labelFor, t } from '../i18n/t';
import { signAct } from '../keys/sign';
import { href } from '../routing/routes';
import { signerOf, useMe } from '../session/MemberContext';
import { AttestKeyPanel } from './members/AttestKeyPanel';

const PAGE_SIZE = 50;
const METHODS = ['in-person', 'document', 'vouching'] as const;

/** Members by handle; verifiers and stewards verify the ones they have met. */
export function MembersScreen({ page }: { page: number }) {
  const me = useMe();
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const resource = useResource(`members:${page}:${atPosition ?? ''}`, (signal) =>
    publicApi.members({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, atPosition }, signal),
  );
  const mayVerify = me.member?.roles.some((r) => r === 'verifier' || r === 'steward') ?? false;
  const [target, setTarget] = useState<MemberSummary | null>(null);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('in-person');
  const [description, setDescription] = useState('');
  const [descriptionError, setDescriptionError] = useState<string | undefined>(undefined);
  const verify = useAction(async (member: MemberSummary) => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'members.VerifyMember', { memberId: member.memberId });
    const { position } = await memberApi.verify(token, member.memberId, { method, description: description.trim() }, act);
    setTarget(null);
    setDescription('');
    setAtPosition(position);
  });
  const delegations = useResource(`delegations:${me.session?.memberId ?? ''}:${atPosition ?? ''}`, (signal) =>
    me.session ? request<{ given: { delegateId: string; topic: string | null }[] }>(`/members/${me.session.memberId}/delegations`, { signal, query: { atPosition } }) : Promise.resolve({ given: [] }),
  );
  const generalDelegate = delegations.data?.given.find((d) => d.topic === null)?.delegateId ?? null;
  const delegate = useAction(async (member: MemberSummary | null) => {
    const { token, key } = signerOf(me);
    const result = member
      ? await request<{ position: number }>('/delegations', { method: 'POST', token, body: { delegateId: member.memberId, topic: null, act: await signAct(key, 'governance.DelegateVote', { delegateId: member.memberId, topic: null }) } })
      : await request<{ position: number }>('/delegations/revocations', { method: 'POST', token, body: { topic: null, act: await signAct(key, 'governance.RevokeDelegation', { topic: null }) } });
    setAtPosition(result.position);
  });
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (target) formRef.current?.querySelector<HTMLElement>('select')?.focus();
  }, [target]);

  const onVerify = (event: FormEvent) => {
    event.preventDefault();
    const text = description.trim();
    const ok = text.length >= 1 && text.length <= 2000;
    setDescriptionError(ok ? undefined : t('members.evidenceInvalid'));
    if (ok && target) void verify.run(target);
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('members.title')}</h1>
      <p className="intro">{mayVerify ? t('members.introVerifier') : t('members.intro')}</p>
      {target ? (
        <form ref={formRef} className="panel form" onSubmit={onVerify} noValidate aria-label={t('members.verifyHandle', { handle: target.handle })}>
          <h2>{t('members.verifyHandle', { handle: target.handle })}</h2>
          <p>{t('members.evidenceIntro')}</p>
          <ActionProblem action={verify} />
          <Field label={t('members.method')} error={fieldMessage(verify.problem, 'method')}>
            {({ id, describedBy }) => (
              <select id={id} name="method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])} aria-describedby={describedBy}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`members.method.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('members.evidence')} hint={t('members.evidenceHint')} error={fieldMessage(verify.problem, 'description', descriptionError)}>
            {({ id, describedBy, invalid }) => (
              <textarea id={id} name="evidence" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" aria-disabled={verify.busy}>
              {verify.busy ? t('common.signing') : t('members.verifySubmit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setTarget(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <ResourceView resource={resource}>
        {(data) => (
          <>
            <DataTable caption={t('members.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('members.col.handle')}</th>
                  <th scope="col">{t('members.col.joined')}</th>
                  <th scope="col">{t('members.col.verified')}</th>
                  <th scope="col">{t('members.col.roles')}</th>
                  {mayVerify ? <th scope="col">{t('members.col.action')}</th> : null}
                  {me.session ? <th scope="col">{t('members.col.delegation')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.items.map((member) => (
                  <tr key={member.memberId} data-handle={member.handle}>
                    <th scope="row">{member.handle}</th>
                    <td>
                      <DateTime value={member.registeredAt} />
                    </td>
                    <td>{member.verified ? t('account.verifiedYes') : t('account.verifiedNo')}</td>
                    <td>{member.roles.map((r) => labelFor('role', r)).join(', ') || t('common.notSet')}</td>
                    {mayVerify ? (
                      <td>
                        {!member.verified && member.memberId !== me.member?.memberId ? (
                          <button
                            type="button"
                            className="button button--small"
                            aria-disabled={verify.busy}
                            aria-label={t('members.verifyHandle', { handle: member.handle })}
                            onClick={() => setTarget(member)}
                          >
                            {t('members.verify')}
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                    {me.session ? (
                      <td>
                        {member.memberId === me.session.memberId ? null : generalDelegate === member.memberId ? (
                          <button type="button" className="button button--secondary button--small" aria-disabled={delegate.busy} onClick={() => void delegate.run(null)}>
                            {t('members.undelegate')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-disabled={delegate.busy}
                            aria-label={t('members.delegateTo', { handle: member.handle })}
                            onClick={() => void delegate.run(member)}
                          >
                            {t('members.delegate')}
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} hrefFor={(target) => href.members(target)} />
          </>
        )}
      </ResourceView>
      {mayVerify ? <AttestKeyPanel onDone={setAtPosition} /> : null}
    </>
  );
}
