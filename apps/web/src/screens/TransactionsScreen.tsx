import { useState, type FormEvent } from 'react';
import { request } from '../api/client';
import { publicApi } from '../api/commands';
import type { ActJson, Page, Written } from '../api/types';
import { ActionProblem } from '../components/ActionProblem';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { Field, fieldMessage } from '../components/Field';
import { ResourceView } from '../components/ResourceView';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { labelFor, locale, t } from '../i18n/t';
import { signAct } from '../keys/sign';
import { href } from '../routing/routes';
import { signerOf, useMe } from '../session/MemberContext';

const RAILS = ['upi', 'sepa', 'ach', 'bank-transfer', 'cash', 'other'] as const;

interface TransactionView {
  transactionId: string;
  recordedBy: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: string;
  rail: string;
  purpose: string;
  status: 'recorded' | 'confirmed' | 'disputed';
  recordedAt: string;
  position: number;
  disputeReason: string | null;
}

function money(amountMinor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 100);
  } catch {
    return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  }
}

/** Records of payments between members: one records, the other confirms or disputes; both sign. */
export function TransactionsScreen() {
  const me = useMe();
  const memberId = me.session?.memberId ?? null;
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  const list = useResource(`transactions:${memberId ?? ''}:${atPosition ?? ''}`, (signal) =>
    memberId ? request<Page<TransactionView>>(`/members/${memberId}/transactions`, { signal, query: { limit: 50, offset: 0, atPosition } }) : Promise.resolve({ items: [], total: 0 }),
  );
  const members = useResource('members-for-transactions', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const handleOf = (id: string) => members.data?.items.find((m) => m.memberId === id)?.handle ?? id.slice(0, 8);

  const answer = useAction(async (tx: TransactionView, confirm: boolean, reason: string) => {
    const { token, key } = signerOf(me);
    const { transactionId } = tx;
    const result = confirm
      ? await request<Written>(`/transactions/${transactionId}/confirmation`, { method: 'POST', token, body: { act: await signAct(key, 'records.ConfirmTransaction', { transactionId }) } })
      : await request<Written>(`/transactions/${transactionId}/dispute`, { method: 'POST', token, body: { reason, act: await signAct(key, 'records.DisputeTransaction', { transactionId, reason }) } });
    setAtPosition(result.position);
  });

  const openCase = useAction(async (tx: TransactionView) => {
    const { token, key } = signerOf(me);
    const subject = { kind: 'transaction', id: tx.transactionId };
    const act = await signAct(key, 'arbitration.OpenCase', { subject, arbiterId: null });
    await request<Written>('/arbitration/cases', { method: 'POST', token, body: { subject, arbiterId: null, act } });
    window.location.hash = href.arbitration();
  });

  if (!memberId) {
    return (
      <>
        <h1 tabIndex={-1}>{t('transactions.title')}</h1>
        <p>
          <a href={href.login()}>{t('nav.login')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>{t('transactions.title')}</h1>
      <p className="intro">{t('transactions.intro')}</p>
      <RecordForm others={(members.data?.items ?? []).filter((m) => m.memberId !== memberId)} onDone={setAtPosition} />
      <ActionProblem action={answer} />
      <ActionProblem action={openCase} />
      <ResourceView resource={list}>
        {(data) => (
          <DataTable caption={t('transactions.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('transactions.col.when')}</th>
                <th scope="col">{t('transactions.col.payer')}</th>
                <th scope="col">{t('transactions.col.payee')}</th>
                <th scope="col">{t('transactions.col.amount')}</th>
                <th scope="col">{t('transactions.col.purpose')}</th>
                <th scope="col">{t('transactions.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((tx) => (
                <tr key={tx.transactionId}>
                  <td>
                    <DateTime value={tx.recordedAt} />
                  </td>
                  <td>{handleOf(tx.payerId)}</td>
                  <td>{handleOf(tx.payeeId)}</td>
                  <td className="numeric">{money(tx.amountMinor, tx.currency)}</td>
                  <td>{tx.purpose}</td>
                  <td>
                    {labelFor('transactionStatus', tx.status)}
                    {tx.status === 'recorded' && tx.recordedBy !== memberId ? (
                      <span className="button-row">
                        <button type="button" className="button button--small" aria-disabled={answer.busy} onClick={() => void answer.run(tx, true, '')}>
                          {t('transactions.confirm')}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-disabled={answer.busy}
                          onClick={() => {
                            const reason = window.prompt(t('transactions.disputeReason'))?.trim();
                            if (reason) void answer.run(tx, false, reason);
                          }}
                        >
                          {t('transactions.dispute')}
                        </button>
                      </span>
                    ) : null}
                    {tx.status === 'disputed' ? (
                      <button type="button" className="button button--secondary button--small" aria-disabled={openCase.busy} onClick={() => void openCase.run(tx)}>
                        {t('arbitration.open')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </ResourceView>
    </>
  );
}

function RecordForm({ others, onDone }: { others: { memberId: string; handle: string }[]; onDone: (position: number) => void }) {
  const me = useMe();
  const [direction, setDirection] = useState<'paid' | 'received'>('paid');
  const [counterparty, setCounterparty] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('INR');
  const [rail, setRail] = useState<string>('upi');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useAction(async () => {
    const { token, key } = signerOf(me);
    const transactionId = crypto.randomUUID();
    const payerId = direction === 'paid' ? key.memberId : counterparty;
    const payeeId = direction === 'paid' ? counterparty : key.memberId;
    const fields = { transactionId, payerId, payeeId, amountMinor: Math.round(Number(amount) * 100), currency, rail, purpose: purpose.trim(), contractId: null };
    const act: ActJson = await signAct(key, 'records.RecordTransaction', { ...fields, referenceCommitment: null });
    const { position } = await request<Written>('/transactions', { method: 'POST', token, body: { ...fields, act } });
    setAmount('');
    setPurpose('');
    onDone(position);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!counterparty) found.counterparty = t('contract.counterpartyMissing');
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(amount.trim()) || Number(amount) <= 0) found.amount = t('contract.moneyInvalid');
    if (!/^[A-Z]{3}$/.test(currency)) found.currency = t('contract.currencyInvalid');
    if (purpose.trim().length < 1 || purpose.trim().length > 2000) found.purpose = t('transactions.purposeInvalid');
    setErrors(found);
    if (Object.keys(found).length === 0) void record.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('transactions.record')}>
      <h2>{t('transactions.record')}</h2>
      <ActionProblem action={record} />
      <div className="form__row">
        <Field label={t('transactions.direction')}>
          {({ id }) => (
            <select id={id} value={direction} onChange={(e) => setDirection(e.target.value as 'paid' | 'received')}>
              <option value="paid">{t('transactions.direction.paid')}</option>
              <option value="received">{t('transactions.direction.received')}</option>
            </select>
          )}
        </Field>
        <Field label={t('contract.counterparty')} error={fieldMessage(record.problem, 'payeeId', errors.counterparty)}>
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
        <Field label={t('transactions.amount')} error={fieldMessage(record.problem, 'amountMinor', errors.amount)}>
          {({ id, describedBy, invalid }) => <input id={id} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t('transactions.currency')} error={fieldMessage(record.problem, 'currency', errors.currency)}>
          {({ id, describedBy, invalid }) => <input id={id} maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t('transactions.rail')}>
          {({ id }) => (
            <select id={id} value={rail} onChange={(e) => setRail(e.target.value)}>
              {RAILS.map((r) => (
                <option key={r} value={r}>
                  {labelFor('rail', r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('transactions.purpose')} error={fieldMessage(record.problem, 'purpose', errors.purpose)}>
        {({ id, describedBy, invalid }) => <input id={id} value={purpose} onChange={(e) => setPurpose(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={record.busy}>
          {record.busy ? t('common.signing') : t('transactions.recordSubmit')}
        </button>
      </div>
    </form>
  );
}
