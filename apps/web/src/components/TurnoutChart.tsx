import type { Decision } from '../api/types';
import { formatBps } from '../format';
import { labelFor, t } from '../i18n/t';

const WIDTH = 600;
const HEIGHT = 180;
const PAD = 28;

/** Turnout of each decision over time, one bar each (oldest left), coloured by result; plain SVG. */
export function TurnoutChart({ decisions }: { decisions: Decision[] }) {
  const ordered = [...decisions].sort((a, b) => a.closedPosition - b.closedPosition);
  const step = (WIDTH - PAD) / Math.max(ordered.length, 1);
  const bar = Math.max(4, Math.min(40, step * 0.7));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="turnout-title">
        <title id="turnout-title">{t('analytics.turnoutTitle')}</title>
        {[0, 50, 100].map((p) => {
          const y = HEIGHT - PAD - ((HEIGHT - 2 * PAD) * p) / 100;
          return (
            <g key={p}>
              <line x1={PAD} x2={WIDTH} y1={y} y2={y} className="chart__grid" />
              <text x={0} y={y + 4} className="chart__label">
                {p}%
              </text>
            </g>
          );
        })}
        {ordered.map((d, i) => {
          const h = ((HEIGHT - 2 * PAD) * Math.min(d.turnoutBps, 10000)) / 10000;
          return (
            <rect key={d.proposalId} x={PAD + i * step + (step - bar) / 2} y={HEIGHT - PAD - h} width={bar} height={h} className={`chart__bar chart__bar--${d.result}`}>
              <title>{`${d.title}: ${formatBps(d.turnoutBps)} · ${labelFor('result', d.result)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>{t('analytics.turnoutCaption')}</figcaption>
    </figure>
  );
}
