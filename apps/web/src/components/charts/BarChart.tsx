import { useId } from 'react';
import { t } from '../../i18n/t';
import { DataTable } from '../DataTable';

export interface Series {
  label: string;
  /** One value per category, in the order of `categories`. */
  values: readonly number[];
}

interface Props {
  title: string;
  /** Says how to read the chart (below it, and the SVG's description). */
  caption: string;
  /** Label of the category column of the table (e.g. "Month"). */
  categoryLabel: string;
  categories: readonly string[];
  series: readonly Series[];
  /** Stacked: one bar per category, its series on top of each other; otherwise side by side. */
  stacked?: boolean;
  format: (value: number) => string;
  /** Fixed top of the scale (e.g. 10,000 basis points); otherwise from the data. */
  max?: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 88;
const BOTTOM = 32;
const TOP = 10;
const SERIES_CLASSES = 4;

/** 1, 2 or 5 times a power of ten, at least `value`: a scale top that reads well. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * A bar chart in plain SVG, with a legend and the same numbers as a table (a disclosure under
 * the chart) for screen readers and for anyone who wants the exact values.
 */
export function BarChart({ title, caption, categoryLabel, categories, series, stacked = false, format, max }: Props) {
  const id = useId();
  const totals = categories.map((_, i) =>
    stacked ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  // At least 2, so the middle grid line of a count is a whole number.
  const top = max ?? niceCeiling(Math.max(2, ...totals));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = (WIDTH - LEFT) / Math.max(categories.length, 1);
  const group = Math.max(6, Math.min(72, step * 0.7));
  const bar = stacked ? group : group / Math.max(series.length, 1);
  const y = (value: number) => HEIGHT - BOTTOM - (plotHeight * Math.min(value, top)) / top;
  // Every label when they fit, otherwise every n-th so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(84 / step));

  return (
    <figure className="chart chart--bars" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{caption}</desc>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={LEFT} x2={WIDTH} y1={y(top * share)} y2={y(top * share)} className="chart__grid" />
            <text x={LEFT - 6} y={y(top * share) + 4} textAnchor="end" className="chart__label">
              {format(top * share)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const x0 = LEFT + i * step + (step - group) / 2;
          let base = 0;
          return (
            <g key={category}>
              {series.map((s, k) => {
                const value = s.values[i] ?? 0;
                const from = stacked ? base : 0;
                base += value;
                const x = stacked ? x0 : x0 + k * bar;
                return (
                  <rect key={s.label} x={x} y={y(from + value)} width={Math.max(bar - 1, 1)} height={y(from) - y(from + value)} className={`chart__bar chart__series--${k % SERIES_CLASSES}`}>
                    <title>{`${category} · ${s.label}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={x0 + group / 2} y={HEIGHT - BOTTOM + 20} textAnchor="middle" className="chart__label">
                  {category}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((s, k) => (
            <li key={s.label}>
              <span className={`chart__swatch chart__series--${k % SERIES_CLASSES}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="chart__caption">{caption}</p>
      <details className="chart__data">
        <summary>{t('analytics.showTable')}</summary>
        <DataTable caption={title}>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="numeric">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, i) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.label} className="numeric">
                    {format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </details>
    </figure>
  );
}
