import { canonify } from '@truestamp/canonify';
import { useState, type FormEvent } from 'react';
import { publicApi } from '../../api/commands';
import { contractsApi, type TemplateDetail, type TemplateField } from '../../api/contracts';
import { ActionProblem } from '../../components/ActionProblem';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { t } from '../../i18n/t';
import { sha256, toBase64url, toHex, utf8 } from '../../keys/bytes';
import { signAct } from '../../keys/sign';
import { href, navigate } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

/** A field's typed value from what was typed, or an error message; undefined for an empty optional field. */
function fieldValue(field: TemplateField, raw: string, currency: string): { value?: unknown; error?: string } {
  const text = raw.trim();
  if (text === '') return field.required ? { error: t('contract.fieldRequired') } : {};
  switch (field.type) {
    case 'integer':
      return /^-?\d{1,15}$/.test(text) ? { value: Number(text) } : { error: t('contract.integerInvalid') };
    case 'money':
      if (!/^\d{1,13}(\.\d{1,2})?$/.test(text)) return { error: t('contract.moneyInvalid') };
      if (!/^[A-Z]{3}$/.test(currency)) return { error: t('contract.currencyInvalid') };
      return { value: { amountMinor: Math.round(Number(text) * 100), currency } };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? { value: text } : { error: t('contract.dateInvalid') };
    default:
      return { value: field.type === 'text' ? raw : text };
  }
}

export function NewContractScreen({ templateId, version }: { templateId: string | null; version: number }) {
  const template = useResource(`template:${templateId}:${version}`, (signal) =>
    templateId ? contractsApi.template(templateId, version, signal) : Promise.reject(new Error(t('contract.noTemplate'))),
  );
  return (
    <>
      <h1 tabIndex={-1}>{t('contract.newTitle')}</h1>
      <ResourceView resource={template}>{(data) => <DraftForm template={data} />}</ResourceView>
    </>
  );
}

function DraftForm({ template }: { template: TemplateDetail }) {
  const me = useMe();
  const members = useResource('members-for-contract', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const [values, setValues] = useState<Record<string, string>>({});
  const [currencies, setCurrencies] = useState<Record<string, string>>({});
  const [counterparty, setCounterparty] = useState('');
  const [myRole, setMyRole] = useState('');
  const [theirRole, setTheirRole] = useState('');
  const [signingOrder, setSigningOrder] = useState('parallel');
  const [visibility, setVisibility] = useState('private');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const collect = (): { fields: Record<string, unknown>; found: Record<string, string> } => {
    const fields: Record<string, unknown> = {};
    const found: Record<string, string> = {};
    for (const field of template.fields) {
      const raw = values[field.name] ?? '';
      const result = fieldValue(field, raw, currencies[field.name] ?? 'INR');
      if (result.error) found[field.name] = result.error;
      else if (result.value !== undefined) fields[field.name] = result.value;
    }
    if (!counterparty) found.counterparty = t('contract.counterpartyMissing');
    if (myRole.trim() === '') found.myRole = t('contract.roleMissing');
    if (theirRole.trim() === '') found.theirRole = t('contract.roleMissing');
    return { fields, found };
  };

  const action = useAction(async (fields: Record<string, unknown>) => {
    const { token, key } = signerOf(me);
    const contractId = crypto.randomUUID();
    const salt = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
    const parties = [
      { memberId: key.memberId, role: myRole.trim() },
      { memberId: counterparty, role: theirRole.trim() },
    ];
    const fieldsCommitment = toHex(await sha256(utf8(canonify({ fields, salt })!)));
    const act = await signAct(key, 'contracts.DraftContract', {
      contractId,
      templateId: template.templateId,
      templateVersion: template.version,
      parties,
      signingOrder,
      visibility,
      fieldsCommitment,
    });
    const { position } = await contractsApi.draft(token, {
      contractId,
      templateId: template.templateId,
      templateVersion: template.version,
      parties,
      signingOrder,
      visibility,
      fields,
      salt,
      act,
    });
    await contractsApi.get(contractId, undefined, position);
    navigate(href.contract(contractId));
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { fields, found } = collect();
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run(fields);
  };

  const others = (members.data?.items ?? []).filter((m) => m.memberId !== me.session?.memberId);
  return (
    <>
      <p className="intro">{t('contract.newIntro', { title: template.title })}</p>
      <details className="panel">
        <summary>{t('contract.templateText')}</summary>
        <pre className="document">{template.body}</pre>
      </details>
      <ActionProblem action={action} />
      <form className="panel form" onSubmit={onSubmit} noValidate>
        {template.fields.map((field) => (
          <div key={field.name} className="form__row">
            <Field label={field.label + (field.required ? '' : ` ${t('contract.optional')}`)} error={fieldMessage(action.problem, field.name, errors[field.name])}>
              {({ id, describedBy, invalid }) =>
                field.type === 'member' ? (
                  <select id={id} value={values[field.name] ?? ''} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid}>
                    <option value="">{t('contract.chooseMember')}</option>
                    {(members.data?.items ?? []).map((m) => (
                      <option key={m.memberId} value={m.memberId}>
                        {m.handle}
                      </option>
                    ))}
                  </select>
                ) : field.type === 'text' ? (
                  <textarea id={id} rows={3} value={values[field.name] ?? ''} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />
                ) : (
                  <input
                    id={id}
                    type={field.type === 'date' ? 'date' : 'text'}
                    inputMode={field.type === 'integer' || field.type === 'money' ? 'decimal' : undefined}
                    value={values[field.name] ?? ''}
                    onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                  />
                )
              }
            </Field>
            {field.type === 'money' ? (
              <Field label={t('contract.currency', { label: field.label })}>
                {({ id }) => (
                  <input id={id} maxLength={3} value={currencies[field.name] ?? 'INR'} onChange={(e) => setCurrencies({ ...currencies, [field.name]: e.target.value.toUpperCase() })} />
                )}
              </Field>
            ) : null}
          </div>
        ))}
        <div className="form__row">
          <Field label={t('contract.myRole')} hint={t('contract.roleHint')} error={errors.myRole}>
            {({ id, describedBy, invalid }) => <input id={id} value={myRole} onChange={(e) => setMyRole(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <Field label={t('contract.counterparty')} error={errors.counterparty}>
            {({ id, describedBy, invalid }) => (
              <select id={id} value={counterparty} onChange={(e) => setCounterparty(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
                <option value="">{t('contract.chooseMember')}</option>
                {others.map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {m.handle}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('contract.theirRole')} error={errors.theirRole}>
            {({ id, describedBy, invalid }) => <input id={id} value={theirRole} onChange={(e) => setTheirRole(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
        </div>
        <div className="form__row">
          <Field label={t('contract.signingOrder')}>
            {({ id }) => (
              <select id={id} value={signingOrder} onChange={(e) => setSigningOrder(e.target.value)}>
                <option value="parallel">{t('contract.order.parallel')}</option>
                <option value="sequential">{t('contract.order.sequential')}</option>
              </select>
            )}
          </Field>
          <Field label={t('contract.visibility')}>
            {({ id }) => (
              <select id={id} value={visibility} onChange={(e) => setVisibility(e.target.value)}>
                <option value="private">{t('contract.visibility.private')}</option>
                <option value="public">{t('contract.visibility.public')}</option>
              </select>
            )}
          </Field>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t('common.signing') : t('contract.draftSubmit')}
          </button>
        </div>
      </form>
    </>
  );
}
