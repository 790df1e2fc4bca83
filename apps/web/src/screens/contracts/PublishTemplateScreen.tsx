import { useState, type FormEvent } from 'react';
import { CONTRACT_KINDS, contractsApi, FIELD_TYPES, type FieldType, type TemplateField } from '../../api/contracts';
import { ActionProblem } from '../../components/ActionProblem';
import { Field, fieldMessage } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { labelFor, t } from '../../i18n/t';
import { bodySha256, signAct } from '../../keys/sign';
import { href, navigate } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

const FIELD_NAME = /^[a-z][A-Za-z0-9_]{0,47}$/;

/** A steward publishes a contract template: Markdown with {{field}} placeholders and the typed fields. */
export function PublishTemplateScreen() {
  const me = useMe();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string>('rental');
  const [body, setBody] = useState('');
  const [fields, setFields] = useState<TemplateField[]>([{ name: '', label: '', type: 'string', required: true }]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const action = useAction(async () => {
    const { token, key } = signerOf(me);
    const templateId = crypto.randomUUID();
    const clean = fields.map((f) => ({ name: f.name.trim(), label: f.label.trim(), type: f.type, required: f.required }));
    const act = await signAct(key, 'contracts.PublishTemplate', { templateId, version: 1, kind, title: title.trim(), bodySha256: await bodySha256(body), fields: clean });
    const { position } = await contractsApi.publish(token, { templateId, version: 1, kind, title: title.trim(), body, fields: clean, act });
    await contractsApi.templates(undefined, position);
    navigate(href.contracts());
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (title.trim().length < 1 || title.trim().length > 200) found.title = t('template.titleInvalid');
    if (body.trim().length < 1) found.body = t('template.bodyInvalid');
    fields.forEach((f, i) => {
      if (!FIELD_NAME.test(f.name.trim())) found[`name${i}`] = t('template.fieldNameInvalid');
      else if (!body.includes(`{{${f.name.trim()}}}`)) found[`name${i}`] = t('template.fieldNotInBody', { name: f.name.trim() });
      if (f.label.trim().length < 1) found[`label${i}`] = t('template.fieldLabelInvalid');
    });
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };

  const update = (i: number, patch: Partial<TemplateField>) => setFields(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  return (
    <>
      <h1 tabIndex={-1}>{t('template.title')}</h1>
      <ActionProblem action={action} />
      <form className="panel form" onSubmit={onSubmit} noValidate>
        <Field label={t('template.titleLabel')} error={fieldMessage(action.problem, 'title', errors.title)}>
          {({ id, describedBy, invalid }) => <input id={id} name="title" value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t('template.kind')}>
          {({ id }) => (
            <select id={id} name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {CONTRACT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labelFor('contractKind', k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('template.body')} hint={t('template.bodyHint')} error={fieldMessage(action.problem, 'body', errors.body)}>
          {({ id, describedBy, invalid }) => <textarea id={id} name="body" rows={8} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('template.fields')}</legend>
          {fields.map((f, i) => (
            <div key={i} className="form__row">
              <Field label={t('template.fieldName', { n: i + 1 })} error={errors[`name${i}`]}>
                {({ id, describedBy, invalid }) => <input id={id} value={f.name} onChange={(e) => update(i, { name: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />}
              </Field>
              <Field label={t('template.fieldLabel', { n: i + 1 })} error={errors[`label${i}`]}>
                {({ id, describedBy, invalid }) => <input id={id} value={f.label} onChange={(e) => update(i, { label: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />}
              </Field>
              <Field label={t('template.fieldType', { n: i + 1 })}>
                {({ id }) => (
                  <select id={id} value={f.type} onChange={(e) => update(i, { type: e.target.value as FieldType })}>
                    {FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {labelFor('fieldType', type)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <label className="checkbox">
                <input type="checkbox" checked={f.required} onChange={(e) => update(i, { required: e.target.checked })} />
                {t('template.fieldRequired')}
              </label>
              <button type="button" className="button button--secondary button--small" onClick={() => setFields(fields.filter((_, j) => j !== i))}>
                {t('template.removeField', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => setFields([...fields, { name: '', label: '', type: 'string', required: true }])}>
            {t('template.addField')}
          </button>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t('common.signing') : t('template.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
