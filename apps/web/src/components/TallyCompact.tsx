import type { Tally } from '../api/types';
import { formatCount, shareBps } from '../format';
import { t } from '../i18n/t';

interface Props {
  tally: Tally;
}

/** One stacked bar and the three counts, for tables. */
export function TallyCompact({ tally }: Props) {
  const cast = tally.yes + tally.no + tally.abstain;
  return (
    <div className="tally-compact">
      <span className="stacked-bar" aria-hidden="true">
        {(['yes', 'no', 'abstain'] as const).map((choice) => (
          <span
            key={choice}
            className={`stacked-bar__part stacked-bar__part--${choice}`}
            style={{ width: `${shareBps(tally[choice], cast) / 100}%` }}
          />
        ))}
      </span>
      <span className="tally-compact__text">
        {t('tally.compact', {
          yes: formatCount(tally.yes),
          no: formatCount(tally.no),
          abstain: formatCount(tally.abstain),
        })}
      </span>
    </div>
  );
}
