import { contractsApi } from '../../api/contracts';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { ResourceView } from '../../components/ResourceView';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { href } from '../../routing/routes';
import { useMe } from '../../session/MemberContext';

/** The member's contracts (those waiting for them first) and the templates to draft from. */
export function ContractsScreen() {
  const me = useMe();
  const memberId = me.session?.memberId ?? null;
  const templates = useResource('contract-templates', (signal) => contractsApi.templates(signal));
  const mine = useResource(`contracts-of:${memberId ?? ''}`, (signal) => (memberId ? contractsApi.ofMember(memberId, signal) : Promise.resolve({ items: [] })), REFRESH_MS);
  const isSteward = me.member?.roles.includes('steward') ?? false;

  return (
    <>
      <h1 tabIndex={-1}>{t('contracts.title')}</h1>
      <p className="intro">{t('contracts.intro')}</p>
      {memberId ? (
        <section className="panel" aria-labelledby="my-contracts">
          <h2 id="my-contracts">{t('contracts.mine')}</h2>
          <ResourceView resource={mine}>
            {(data) =>
              data.items.length === 0 ? (
                <p>{t('contracts.none')}</p>
              ) : (
                <DataTable caption={t('contracts.mine')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('contracts.col.contract')}</th>
                      <th scope="col">{t('contracts.col.status')}</th>
                      <th scope="col">{t('contracts.col.signatures')}</th>
                      <th scope="col">{t('contracts.col.drafted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => {
                      const mineToSign = c.status === 'awaiting-signatures' && c.parties.some((p) => p.memberId === memberId && p.signature === null);
                      return (
                        <tr key={c.contractId}>
                          <th scope="row">
                            <a href={href.contract(c.contractId)}>{c.contractId.slice(0, 8)}</a>
                            {mineToSign ? <span className="badge badge--warn"> {t('contracts.yourTurn')}</span> : null}
                          </th>
                          <td>{labelFor('contractStatus', c.status)}</td>
                          <td>
                            {c.parties.filter((p) => p.signature).length} / {c.parties.length}
                          </td>
                          <td>
                            <DateTime value={c.draftedAt} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </DataTable>
              )
            }
          </ResourceView>
        </section>
      ) : (
        <p>
          <a href={href.login()}>{t('nav.login')}</a> {t('contracts.loginToSee')}
        </p>
      )}
      <section className="panel" aria-labelledby="templates">
        <h2 id="templates">{t('contracts.templates')}</h2>
        {isSteward ? (
          <p>
            <a className="button button--secondary" href={href.newTemplate()}>
              {t('contracts.publishTemplate')}
            </a>
          </p>
        ) : null}
        <ResourceView resource={templates}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('contracts.noTemplates')}</p>
            ) : (
              <ul className="plain-list">
                {data.items.map((tpl) => (
                  <li key={`${tpl.templateId}:${tpl.version}`}>
                    <strong>{tpl.title}</strong> ({labelFor('contractKind', tpl.kind)}, v{tpl.version}){' '}
                    {memberId ? <a href={href.newContract(tpl.templateId, tpl.version)}>{t('contracts.draftFrom', { title: tpl.title })}</a> : null}
                  </li>
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
    </>
  );
}
