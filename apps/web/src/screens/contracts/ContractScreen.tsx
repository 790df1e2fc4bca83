import { useId } from 'react';
import { contractsApi, type ContractView } from '../../api/contracts';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { ResourceView } from '../../components/ResourceView';
import { LocalProblem, useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { sha256, toBase64url, toHex, utf8 } from '../../keys/bytes';
import { signAct } from '../../keys/sign';
import { href } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

/** A contract: its parties and signatures, the document, and signing it in the browser. */
export function ContractScreen({ contractId }: { contractId: string }) {
  const me = useMe();
  const token = me.session?.token ?? null;
  const contract = useResource(`contract:${contractId}`, (signal) => contractsApi.get(contractId, signal), (c: ContractView | undefined) => (c?.status === 'awaiting-signatures' || !c ? REFRESH_MS : undefined));
  const document = useResource(`contract-document:${contractId}:${token ?? ''}`, (signal) => contractsApi.document(contractId, token, signal));

  return (
    <>
      <p className="back-link">
        <a href={href.contracts()}>
          <span aria-hidden="true">← </span>
          {t('contract.back')}
        </a>
      </p>
      <h1 tabIndex={-1}>{t('contract.title')}</h1>
      <ResourceView resource={contract}>
        {(c) => (
          <>
            <Facts contract={c} />
            <SignPanel contract={c} document={document.data?.document} onSigned={contract.retry} />
          </>
        )}
      </ResourceView>
      <section className="panel" aria-labelledby="document">
        <h2 id="document">{t('contract.document')}</h2>
        <ResourceView resource={document}>{(d) => <pre className="document" data-testid="contract-document">{d.document}</pre>}</ResourceView>
      </section>
    </>
  );
}

function Facts({ contract }: { contract: ContractView }) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposal.details')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('contracts.col.status')}</dt>
          <dd data-testid="contract-status">{labelFor('contractStatus', contract.status)}</dd>
        </div>
        <div>
          <dt>{t('contract.visibility')}</dt>
          <dd>{t(contract.visibility === 'public' ? 'contract.visibility.public' : 'contract.visibility.private')}</dd>
        </div>
        <div>
          <dt>{t('contract.documentHash')}</dt>
          <dd className="mono small">{contract.documentSha256}</dd>
        </div>
      </dl>
      <ul className="plain-list">
        {contract.parties.map((p) => (
          <li key={p.memberId}>
            <span className="mono">{p.memberId.slice(0, 8)}</span> · {p.role} ·{' '}
            {p.signature ? (
              <>
                {t('contract.signedAt')} <DateTime value={p.signature.signedAt} />
              </>
            ) : (
              t('contract.notSigned')
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignPanel({ contract, document, onSigned }: { contract: ContractView; document: string | undefined; onSigned: () => void }) {
  const me = useMe();
  const sign = useAction(async () => {
    const { token, key } = signerOf(me);
    if (document === undefined) throw new LocalProblem({ type: 'about:blank', status: 0, title: t('contract.documentMissing') });
    // Sign what was read: the hash is computed here from the text shown, and must be the contract's.
    const documentSha256 = toHex(await sha256(utf8(document)));
    if (documentSha256 !== contract.documentSha256) {
      throw new LocalProblem({ type: 'about:blank', status: 0, title: t('contract.hashMismatch'), detail: `${documentSha256} ≠ ${contract.documentSha256}` });
    }
    const message = utf8(`civic-ledger contract document sha256:${documentSha256}`);
    const signature = toBase64url(new Uint8Array(await crypto.subtle.sign('Ed25519', key.privateKey, message)));
    const act = await signAct(key, 'contracts.SignContract', { contractId: contract.contractId, documentSha256 });
    const { position } = await contractsApi.sign(token, contract.contractId, { documentSha256, signature, act });
    await contractsApi.get(contract.contractId, undefined, position);
    onSigned();
  });
  const party = contract.parties.find((p) => p.memberId === me.session?.memberId);
  if (!party || party.signature || contract.status !== 'awaiting-signatures') return null;
  return (
    <section className="panel" aria-labelledby="sign">
      <h2 id="sign">{t('contract.sign')}</h2>
      <p>{t('contract.signIntro')}</p>
      <ActionProblem action={sign} />
      <button type="button" className="button" aria-disabled={sign.busy || document === undefined} onClick={() => void sign.run()}>
        {sign.busy ? t('common.signing') : t('contract.signSubmit')}
      </button>
    </section>
  );
}
