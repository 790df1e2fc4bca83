import { useId } from 'react';
import type { ProposalRules, Tally } from '../api/types';
import { formatBps, formatCount, formatShare, shareBps } from '../format';
import { t, type MessageKey } from '../i18n/t';

interface Props {
  tally: Tally;
  electorateSize: number | null;
  rules: ProposalRules | null;
  /** The weight delegations carried into `tally`, published at the close; absent or zero before. */
  delegated?: Tally;
}

const CHOICES: ReadonlyArray<{ choice: keyof Tally; label: MessageKey }> = [
  { choice: 'yes', label: 'tally.yes' },
  { choice: 'no', label: 'tally.no' },
  { choice: 'abstain', label: 'tally.abstain' },
];

/** One bar per choice (share of votes cast), then turnout and yes share against the rules. */
export function TallyBars({ tally, electorateSize, rules, delegated }: Props) {
  const headingId = useId();
  const cast = tally.yes + tally.no + tally.abstain;
  const carried = delegated ? delegated.yes + delegated.no + delegated.abstain : 0;
  const decisive = tally.yes + tally.no;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tally.heading')}</h2>
      <dl className="tally-bars">
        {CHOICES.map(({ choice, label }) => (
          <div key={choice} className={`tally-bars__row tally-bars__row--${choice}`}>
            <dt>{t(label)}</dt>
            <dd>
              <span className="tally-bars__value">
                {t('tally.count', { count: formatCount(tally[choice]), percent: formatShare(tally[choice], cast) })}
                {delegated && delegated[choice] > 0 ? ` ${t('tally.ofWhichDelegated', { count: formatCount(delegated[choice]) })}` : null}
              </span>
              <span className="bar" aria-hidden="true">
                <span className="bar__fill" style={{ width: `${shareBps(tally[choice], cast) / 100}%` }} />
              </span>
            </dd>
          </div>
        ))}
      </dl>

      <dl className="facts">
        <div>
          <dt>{t('tally.cast')}</dt>
          <dd>
            {electorateSize === null
              ? formatCount(cast)
              : t('tally.castOfElectorate', { cast: formatCount(cast), electorate: formatCount(electorateSize) })}
          </dd>
        </div>
        {carried > 0 ? (
          <div>
            <dt>{t('tally.delegated')}</dt>
            <dd data-testid="delegated-weight">{formatCount(carried)}</dd>
          </div>
        ) : null}
        {electorateSize !== null ? (
          <div>
            <dt>{t('tally.turnout')}</dt>
            <dd>
              {rules
                ? t('tally.versus', { value: formatShare(cast, electorateSize), required: formatBps(rules.quorumBps) })
                : formatShare(cast, electorateSize)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('tally.yesShare')}</dt>
          <dd>
            {rules
              ? t('tally.versusExceed', {
                  value: formatShare(tally.yes, decisive),
                  required: formatBps(rules.thresholdBps),
                })
              : formatShare(tally.yes, decisive)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
