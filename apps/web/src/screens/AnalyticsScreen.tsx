import {
  analyticsApi,
  type AnalyticsViewInfo,
  type ModerationActionsByMonth,
  type OutcomesByKind,
  type ParticipationByMonth,
  type TransactionVolumeByMonth,
  type TurnoutByMonth,
} from '../api/analytics';
import { BarChart, type Series } from '../components/charts/BarChart';
import { EmptyState } from '../components/EmptyState';
import { ResourceView } from '../components/ResourceView';
import { formatBps, formatCount } from '../format';
import { useResource } from '../hooks/useResource';
import { hasMessage, labelFor, locale, t } from '../i18n/t';

interface Data {
  views: AnalyticsViewInfo[];
  turnout: TurnoutByMonth[];
  participation: ParticipationByMonth[];
  outcomes: OutcomesByKind[];
  volume: TransactionVolumeByMonth[];
  moderation: ModerationActionsByMonth[];
}

async function load(signal: AbortSignal): Promise<Data> {
  const [views, turnout, participation, outcomes, volume, moderation] = await Promise.all([
    analyticsApi.listViews(signal),
    analyticsApi.rows<TurnoutByMonth>('turnout_by_month', signal),
    analyticsApi.rows<ParticipationByMonth>('participation_by_month', signal),
    analyticsApi.rows<OutcomesByKind>('outcomes_by_kind', signal),
    analyticsApi.rows<TransactionVolumeByMonth>('transaction_volume_by_month', signal),
    analyticsApi.rows<ModerationActionsByMonth>('moderation_actions_by_month', signal),
  ]);
  return {
    views: views.items,
    turnout: turnout.items,
    participation: participation.items,
    outcomes: outcomes.items,
    volume: volume.items,
    moderation: moderation.items,
  };
}

const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** `2026-03-01` as "Mar 2026" in the reader's language; a month is a UTC calendar month. */
function formatMonth(month: string): string {
  const date = new Date(`${month.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}

function money(currency: string): (minor: number) => string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return (minor) => format.format(minor / 10 ** digits);
  } catch {
    return (minor) => `${formatCount(minor)} ${currency}`;
  }
}

/** Distinct values in first-seen order (the views come sorted). */
function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Rows pivoted into one series per `seriesOf` value over the categories `categoryOf`. */
function pivot<Row>(rows: readonly Row[], categoryOf: (row: Row) => string, seriesOf: (row: Row) => string, valueOf: (row: Row) => number, seriesKeys?: readonly string[]) {
  const categories = distinct(rows.map(categoryOf));
  const keys = seriesKeys ?? distinct(rows.map(seriesOf)).sort();
  const values = keys.map(() => categories.map(() => 0));
  for (const row of rows) {
    const k = keys.indexOf(seriesOf(row));
    if (k !== -1) values[k]![categories.indexOf(categoryOf(row))]! += valueOf(row);
  }
  return { categories, keys, values };
}

const RESULTS = ['passed', 'rejected', 'no-quorum'] as const;

function Decisions({ rows }: { rows: TurnoutByMonth[] }) {
  if (rows.length === 0) return <EmptyState message={t('analytics.noDecisions')} />;
  const months = rows.map((r) => formatMonth(r.month));
  return (
    <>
      <BarChart
        title={t('analytics.decisionsTitle')}
        caption={t('analytics.decisionsCaption')}
        categoryLabel={t('analytics.month')}
        categories={months}
        stacked
        format={formatCount}
        series={[
          { label: t('result.passed'), values: rows.map((r) => r.passed) },
          { label: t('result.rejected'), values: rows.map((r) => r.rejected) },
          { label: t('result.no-quorum'), values: rows.map((r) => r.no_quorum) },
        ]}
      />
      <BarChart
        title={t('analytics.turnoutByMonthTitle')}
        caption={t('analytics.turnoutByMonthCaption')}
        categoryLabel={t('analytics.month')}
        categories={months}
        format={formatBps}
        max={10_000}
        series={[{ label: t('analytics.turnout'), values: rows.map((r) => r.turnout_bps) }]}
      />
    </>
  );
}

function Participation({ rows }: { rows: ParticipationByMonth[] }) {
  if (rows.length === 0) return <EmptyState message={t('analytics.noParticipation')} />;
  return (
    <BarChart
      title={t('analytics.participationTitle')}
      caption={t('analytics.participationCaption')}
      categoryLabel={t('analytics.month')}
      categories={rows.map((r) => formatMonth(r.month))}
      format={formatCount}
      series={[
        { label: t('analytics.proposalsOpened'), values: rows.map((r) => r.proposals_opened) },
        { label: t('analytics.proposalsClosed'), values: rows.map((r) => r.proposals_closed) },
        { label: t('analytics.votesCast'), values: rows.map((r) => r.votes_cast) },
        { label: t('analytics.distinctVoters'), values: rows.map((r) => r.distinct_voters) },
      ]}
    />
  );
}

function Outcomes({ rows }: { rows: OutcomesByKind[] }) {
  if (rows.length === 0) return <EmptyState message={t('analytics.noDecisions')} />;
  const { categories, values } = pivot(rows, (r) => r.motion_kind ?? 'general', (r) => r.result, (r) => r.proposals, RESULTS);
  return (
    <BarChart
      title={t('analytics.outcomesTitle')}
      caption={t('analytics.outcomesCaption')}
      categoryLabel={t('analytics.motionKind')}
      categories={categories.map((kind) => labelFor('analytics.motion', kind))}
      stacked
      format={formatCount}
      series={RESULTS.map((result, k) => ({ label: t(`result.${result}`), values: values[k]! }))}
    />
  );
}

function Volume({ rows }: { rows: TransactionVolumeByMonth[] }) {
  if (rows.length === 0) return <EmptyState message={t('analytics.noPayments')} />;
  return (
    <>
      {distinct(rows.map((r) => r.currency)).map((currency) => {
        const ofCurrency = rows.filter((r) => r.currency === currency);
        const confirmed = pivot(ofCurrency, (r) => r.month, () => 'all', (r) => Number(r.confirmed_minor), ['all']);
        const unconfirmed = pivot(ofCurrency, (r) => r.month, () => 'all', (r) => Number(r.unconfirmed_minor), ['all']);
        const series: Series[] = [
          { label: t('analytics.confirmedAmount'), values: confirmed.values[0]! },
          { label: t('analytics.unconfirmedAmount'), values: unconfirmed.values[0]! },
        ];
        return (
          <BarChart
            key={currency}
            title={t('analytics.volumeTitle', { currency })}
            caption={t('analytics.volumeCaption')}
            categoryLabel={t('analytics.month')}
            categories={confirmed.categories.map(formatMonth)}
            stacked
            format={money(currency)}
            series={series}
          />
        );
      })}
    </>
  );
}

function Moderation({ rows }: { rows: ModerationActionsByMonth[] }) {
  if (rows.length === 0) return <EmptyState message={t('analytics.noModeration')} />;
  const { categories, keys, values } = pivot(rows, (r) => r.month, (r) => r.kind, (r) => r.actions);
  return (
    <BarChart
      title={t('analytics.moderationTitle')}
      caption={t('analytics.moderationCaption')}
      categoryLabel={t('analytics.month')}
      categories={categories.map(formatMonth)}
      stacked
      format={formatCount}
      series={keys.map((kind, k) => ({ label: labelFor('moderation.kind', kind), values: values[k]! }))}
    />
  );
}

function Views({ views }: { views: AnalyticsViewInfo[] }) {
  return (
    <ul className="view-list">
      {views.map((view) => {
        const key = `analytics.view.${view.name}`;
        return (
          <li key={view.name} className="view-list__item" data-view={view.name}>
            <h3 className="mono">{view.name}</h3>
            <p>{hasMessage(key) ? t(key) : view.description}</p>
            <p className="view-list__columns">
              {t('analytics.columns')} <span className="mono">{view.columns.join(', ')}</span>
            </p>
            <p className="button-row">
              <a className="button button--secondary" href={view.csv} download={`${view.name}.csv`}>
                {t('analytics.downloadView', { view: view.name })}
              </a>
              <a href={view.json}>{t('analytics.json')}</a>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** Charts of the analyst views and every view's CSV export; public, like the log they come from. */
export function AnalyticsScreen() {
  const resource = useResource('analytics', load);
  return (
    <>
      <h1 tabIndex={-1}>{t('analytics.title')}</h1>
      <p className="intro">{t('analytics.intro')}</p>
      <ResourceView resource={resource}>
        {(data) => (
          <>
            <section aria-labelledby="analytics-decisions">
              <h2 id="analytics-decisions">{t('analytics.decisions')}</h2>
              <Decisions rows={data.turnout} />
              <Outcomes rows={data.outcomes} />
              <Participation rows={data.participation} />
            </section>
            <section aria-labelledby="analytics-payments">
              <h2 id="analytics-payments">{t('analytics.payments')}</h2>
              <Volume rows={data.volume} />
            </section>
            <section aria-labelledby="analytics-moderation">
              <h2 id="analytics-moderation">{t('analytics.moderation')}</h2>
              <Moderation rows={data.moderation} />
            </section>
            <section aria-labelledby="analytics-views">
              <h2 id="analytics-views">{t('analytics.views')}</h2>
              <p>{t('analytics.viewsIntro')}</p>
              <Views views={data.views} />
            </section>
          </>
        )}
      </ResourceView>
    </>
  );
}
