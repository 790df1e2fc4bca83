import { useId } from 'react';
import { DataTable } from '../../components/DataTable';
import { t } from '../../i18n/t';

/** One counting round as the API publishes it (votes are decimal strings, exact). */
export interface CountingRound {
  round: number;
  counts: Record<string, string>;
  exhausted: string;
  elected: string[];
  eliminated: string[];
  transfers: { from: string; kind: 'surplus' | 'elimination'; transferValue: string; to: Record<string, string>; exhausted: string }[];
  tieBreaks: { among: string[]; chosen: string; rule: 'earlier-rounds' | 'lot' }[];
}

/** Exact decimal votes, without trailing zeros ("2.500000" shows as 2.5). */
export function votes(value: string | undefined): string {
  if (value === undefined) return '—';
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/**
 * Every round of the count: a candidate per row, a round per column, so anyone can follow the transfers.
 * `nested` places it inside another panel (an entry of the decision log), one heading level down.
 */
export function ElectionRounds({
  rounds,
  candidates,
  handleOf,
  nested = false,
}: {
  rounds: CountingRound[];
  candidates: string[];
  handleOf: (id: string) => string;
  nested?: boolean;
}) {
  const headingId = useId();
  if (rounds.length === 0) return null;
  const Heading = nested ? 'h4' : 'h2';
  return (
    <section className={nested ? undefined : 'panel'} aria-labelledby={headingId}>
      <Heading id={headingId}>{t('elections.rounds')}</Heading>
      <DataTable caption={t('elections.roundsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('elections.candidate')}</th>
            {rounds.map((r) => (
              <th key={r.round} scope="col" className="numeric">
                {t('elections.round', { round: r.round })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c} data-candidate={handleOf(c)}>
              <th scope="row">{handleOf(c)}</th>
              {rounds.map((r) => (
                <td key={r.round} className="numeric">
                  {votes(r.counts[c])}
                  {r.elected.includes(c) ? ` · ${t('elections.elected')}` : null}
                  {r.eliminated.includes(c) ? ` · ${t('elections.eliminated')}` : null}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('elections.exhausted')}</th>
            {rounds.map((r) => (
              <td key={r.round} className="numeric">
                {votes(r.exhausted)}
              </td>
            ))}
          </tr>
        </tbody>
      </DataTable>
      <ul className="plain-list">
        {rounds.flatMap((r) =>
          r.tieBreaks.map((tie) => (
            <li key={`${r.round}:${tie.chosen}`}>
              {t('elections.tieBreak', { round: r.round, among: tie.among.map(handleOf).join(', '), chosen: handleOf(tie.chosen), rule: t(`elections.tieRule.${tie.rule}`) })}
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
