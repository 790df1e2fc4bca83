import { useEffect, useId, useState, type FormEvent } from 'react';
import { publicApi } from '../api/commands';
import type { LedgerEvent, LedgerInfo } from '../api/types';
import { ActionProblem } from '../components/ActionProblem';
import { DataTable } from '../components/DataTable';
import { DateTime } from '../components/DateTime';
import { Field } from '../components/Field';
import { ResourceView } from '../components/ResourceView';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { t } from '../i18n/t';
import { useLedgerHead } from '../ledger/useLedgerHead';
import { openCheckpoint, parseVerifierKey, verifyEventInclusion, type InclusionOutcome } from '../ledger/verify-inclusion';
import { href, navigate } from '../routing/routes';

const PAGE_SIZE = 20;

/** The public ledger for auditors without an account: events by index, the signed checkpoint, inclusion checked here. */
export function LedgerScreen({ from, index }: { from: number | null; index: number | null }) {
  const { info, mode } = useLedgerHead();
  const [verifierKey, setVerifierKey] = useState<string | null>(null);
  const key = verifierKey ?? info.data?.verifierKey ?? '';

  return (
    <>
      <h1 tabIndex={-1}>{t('ledger.title')}</h1>
      <p className="intro">{t('ledger.intro')}</p>
      <p className="meta" data-testid="ledger-mode">
        {mode === 'live' ? t('ledger.live') : t('ledger.polling')}
      </p>
      <ResourceView resource={info}>
        {(data) => (
          <>
            <CheckpointPanel info={data} verifierKey={key} onKeyChange={setVerifierKey} />
            <Events info={data} from={from ?? Math.max(0, data.size - PAGE_SIZE)} selected={index} verifierKey={key} />
          </>
        )}
      </ResourceView>
    </>
  );
}

function CheckpointPanel({ info, verifierKey, onKeyChange }: { info: LedgerInfo; verifierKey: string; onKeyChange: (key: string) => void }) {
  const headingId = useId();
  const [status, setStatus] = useState<'checking' | 'valid' | 'invalid' | 'bad-key' | 'none'>('checking');
  useEffect(() => {
    let live = true;
    const verifier = parseVerifierKey(verifierKey);
    if (!info.checkpoint) setStatus('none');
    else if (!verifier) setStatus('bad-key');
    else {
      setStatus('checking');
      void openCheckpoint(info.checkpoint, verifier).then((cp) => {
        if (live) setStatus(typeof cp === 'object' && cp.origin === info.origin ? 'valid' : 'invalid');
      });
    }
    return () => {
      live = false;
    };
  }, [info.checkpoint, info.origin, verifierKey]);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ledger.checkpoint')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('ledger.origin')}</dt>
          <dd className="mono">{info.origin}</dd>
        </div>
        <div>
          <dt>{t('ledger.size')}</dt>
          <dd data-testid="ledger-size">{info.size}</dd>
        </div>
        <div>
          <dt>{t('ledger.signature')}</dt>
          <dd data-testid="checkpoint-status" className={status === 'valid' ? 'success-text' : status === 'checking' ? undefined : 'error-text'}>
            {t(`ledger.signature.${status}`)}
          </dd>
        </div>
      </dl>
      <Field label={t('ledger.verifierKey')} hint={t('ledger.verifierKeyHint')}>
        {({ id, describedBy }) => (
          <input id={id} className="mono" name="verifierKey" value={verifierKey} onChange={(e) => onKeyChange(e.target.value)} aria-describedby={describedBy} spellCheck={false} />
        )}
      </Field>
      {info.checkpoint ? (
        <details>
          <summary>{t('ledger.showCheckpoint')}</summary>
          <pre className="checkpoint-text">{info.checkpoint}</pre>
        </details>
      ) : null}
    </section>
  );
}

function Events({ info, from, selected, verifierKey }: { info: LedgerInfo; from: number; selected: number | null; verifierKey: string }) {
  const headingId = useId();
  const events = useResource(`ledger-events:${from}`, (signal) => publicApi.ledgerEvents(from, PAGE_SIZE, signal));
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<InclusionOutcome | null>(null);

  const verify = useAction(async (event: LedgerEvent) => {
    setOutcome(null);
    const proof = await publicApi.inclusionProof(event.position, Math.max(info.size, event.position + 1));
    setOutcome(await verifyEventInclusion(event, proof, verifierKey, info.origin));
  });

  const onJump = (e: FormEvent) => {
    e.preventDefault();
    const ok = /^(0|[1-9][0-9]*)$/.test(jump.trim());
    setJumpError(ok ? undefined : t('ledger.indexInvalid'));
    if (ok) navigate(href.ledger(Number(jump), Number(jump)));
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ledger.events')}</h2>
      <form className="form form--inline" onSubmit={onJump} noValidate>
        <Field label={t('ledger.goToIndex')} error={jumpError}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="index" inputMode="numeric" value={jump} onChange={(e) => setJump(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <button type="submit" className="button button--secondary">
          {t('ledger.go')}
        </button>
      </form>
      <ActionProblem action={verify} />
      {outcome ? <Outcome outcome={outcome} /> : null}
      <ResourceView resource={events}>
        {(data) => (
          <>
            <DataTable caption={t('ledger.eventsCaption', { from, to: from + Math.max(0, data.items.length - 1) })}>
              <thead>
                <tr>
                  <th scope="col">{t('ledger.col.index')}</th>
                  <th scope="col">{t('ledger.col.type')}</th>
                  <th scope="col">{t('ledger.col.actor')}</th>
                  <th scope="col">{t('ledger.col.time')}</th>
                  <th scope="col">{t('ledger.col.signed')}</th>
                  <th scope="col">{t('ledger.col.verify')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((event) => (
                  <tr key={event.position} className={event.position === selected ? 'row--selected' : undefined} data-index={event.position}>
                    <th scope="row" className="numeric">{event.position}</th>
                    <td className="mono">{event.type}</td>
                    <td className="mono">{event.meta.actor.slice(0, 8)}</td>
                    <td>
                      <DateTime value={event.meta.occurredAt} />
                    </td>
                    <td>{event.act ? t('ledger.signedYes') : t('ledger.signedNo')}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        aria-disabled={verify.busy || event.position >= info.size}
                        aria-label={t('ledger.verifyIndex', { index: event.position })}
                        onClick={() => {
                          if (event.position < info.size) void verify.run(event);
                        }}
                      >
                        {event.position < info.size ? t('ledger.verify') : t('ledger.pending')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <nav className="pagination" aria-label={t('pagination.label')}>
              {from > 0 ? <a href={href.ledger(Math.max(0, from - PAGE_SIZE))}>{t('ledger.earlier')}</a> : null}
              {data.items.length === PAGE_SIZE ? <a href={href.ledger(from + PAGE_SIZE)}>{t('ledger.later')}</a> : null}
            </nav>
          </>
        )}
      </ResourceView>
    </section>
  );
}

function Outcome({ outcome }: { outcome: InclusionOutcome }) {
  if (outcome.kind === 'included') {
    return (
      <div className="notice notice--ok" role="status" data-testid="inclusion-result">
        <p>
          <strong>{t('ledger.included', { index: outcome.index, size: outcome.checkpoint.size })}</strong>
        </p>
        <p className="mono small">
          {t('ledger.root')}: {outcome.checkpoint.rootHash}
          <br />
          {t('ledger.leafHash')}: {outcome.leafHash}
        </p>
      </div>
    );
  }
  return (
    <div className="notice notice--bad" role="alert" data-testid="inclusion-result">
      <p>
        <strong>{t(`ledger.failed.${outcome.reason}`)}</strong>
      </p>
      <p className="mono small">{outcome.detail}</p>
    </div>
  );
}
