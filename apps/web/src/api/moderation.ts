import { request } from './client';
import type { ActJson, Page, Written } from './types';

export const REPORT_CATEGORIES = ['spam', 'harassment', 'illegal', 'misinformation', 'off-topic', 'other'] as const;
export const ACTION_KINDS = ['hide', 'restore', 'warn', 'suspend', 'remove'] as const;
export const APPEAL_OUTCOMES = ['upheld', 'overturned'] as const;

export type ModerationTarget =
  | { kind: 'proposal'; proposalId: string }
  | { kind: 'comment'; proposalId: string; commentId: string }
  | { kind: 'member'; memberId: string };

export interface ReportItem {
  reportId: string;
  target: ModerationTarget;
  reporterId: string;
  category: string;
  note: string;
  status: 'open' | 'resolved';
  reportedAt: string;
  position: number;
}

export interface ModerationActionDetail {
  actionId: string;
  target: ModerationTarget;
  moderatorId: string;
  affectedMemberId: string;
  kind: string;
  rule: string;
  reason: string;
  until: string | null;
  takenAt: string;
  position: number;
  appeal: { status: 'none' | 'pending' | 'upheld' | 'overturned'; statement: string | null; appealedAt: string | null; decidedBy: string | null; reason: string | null; decidedAt: string | null };
}

export const moderationApi = {
  report: (token: string, body: { reportId: string; target: ModerationTarget; category: string; note: string; act: ActJson }) =>
    request<Written>('/moderation/reports', { method: 'POST', token, body }),
  reports: (token: string, signal?: AbortSignal, atPosition?: number) =>
    request<Page<ReportItem>>('/moderation/reports', { token, signal, query: { status: 'open', limit: 100, offset: 0, atPosition } }),
  act: (token: string, body: { actionId: string; target: ModerationTarget; kind: string; rule: string; reason: string; until: string | null; resolves: string[]; act: ActJson }) =>
    request<Written>('/moderation/actions', { method: 'POST', token, body }),
  action: (actionId: string, signal?: AbortSignal, atPosition?: number) =>
    request<ModerationActionDetail>(`/moderation/actions/${encodeURIComponent(actionId)}`, { signal, query: { atPosition } }),
  appeal: (token: string, actionId: string, body: { target: ModerationTarget; statement: string; act: ActJson }) =>
    request<Written>(`/moderation/actions/${encodeURIComponent(actionId)}/appeal`, { method: 'POST', token, body }),
  decide: (token: string, actionId: string, body: { target: ModerationTarget; outcome: string; reason: string; act: ActJson }) =>
    request<Written>(`/moderation/actions/${encodeURIComponent(actionId)}/appeal/decision`, { method: 'POST', token, body }),
};
