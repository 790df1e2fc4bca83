import { request } from './client';

/** One analyst view as the server lists it: what it holds and where to export it. */
export interface AnalyticsViewInfo {
  name: string;
  description: string;
  columns: string[];
  /** Path of the JSON rows. */
  json: string;
  /** Path of the CSV download (header row = `columns`). */
  csv: string;
}

export interface AnalyticsRows<Row> {
  name: string;
  columns: string[];
  items: Row[];
}

/** Months are calendar dates (`2026-03-01`); counts are numbers; bigint sums may arrive as strings. */
export interface TurnoutByMonth {
  month: string;
  proposals_closed: number;
  passed: number;
  rejected: number;
  no_quorum: number;
  turnout_bps: number;
}

export interface ParticipationByMonth {
  month: string;
  proposals_opened: number;
  proposals_closed: number;
  votes_cast: number;
  distinct_voters: number;
}

export interface OutcomesByKind {
  motion_kind: string | null;
  result: string;
  proposals: number;
  mean_turnout_bps: number;
}

export interface TransactionVolumeByMonth {
  month: string;
  currency: string;
  rail: string;
  records: number;
  confirmed: number;
  disputed: number;
  confirmed_minor: number | string;
  unconfirmed_minor: number | string;
}

export interface ModerationActionsByMonth {
  month: string;
  kind: string;
  actions: number;
  appealed: number;
  overturned: number;
}

export const analyticsApi = {
  listViews: (signal: AbortSignal) => request<{ items: AnalyticsViewInfo[] }>('/analytics', { signal }),
  rows: <Row,>(view: string, signal: AbortSignal) =>
    request<AnalyticsRows<Row>>(`/analytics/${encodeURIComponent(view)}`, { signal }),
};
