import type { DraftRules, ProposalDetail } from './types';
import type { ActJson, CommentNode, InclusionProof, LedgerEvent, LedgerInfo, MemberDetail, MemberSummary, Page, Written } from './types';
import { request } from './client';

/** Calls that need a logged-in member (token) and, for acts, a signature made in the browser. */
export const memberApi = {
  register: (body: { email: string; password: string; handle: string }) =>
    request<{ memberId: string; position: number }>('/members', { method: 'POST', body }),

  login: (body: { email: string; password: string }) =>
    request<{ accessToken: string; expiresIn: number; memberId: string }>('/auth/login', { method: 'POST', body }),

  registerKey: (token: string, publicKey: string, act: ActJson) =>
    request<{ keyId: string; position: number }>('/members/me/keys', { method: 'POST', token, body: { publicKey, act } }),

  /** The evidence stays private (off the log); the act signs only the member id. */
  verify: (token: string, memberId: string, evidence: { method: string; description: string }, act: ActJson) =>
    request<Written>(`/members/${encodeURIComponent(memberId)}/verification`, { method: 'POST', token, body: { evidence, act } }),

  draft: (token: string, body: { proposalId: string; title: string; body: string; rules: DraftRules; motion?: { kind: string; memberId: string; role: string }; act: ActJson }) =>
    request<Written & { proposalId: string }>('/proposals', { method: 'POST', token, body }),

  submit: (token: string, proposalId: string, act: ActJson) =>
    request<Written>(`/proposals/${encodeURIComponent(proposalId)}/submission`, { method: 'POST', token, body: { act } }),

  open: (token: string, proposalId: string, closesAt: string, act: ActJson) =>
    request<Written>(`/proposals/${encodeURIComponent(proposalId)}/open`, { method: 'POST', token, body: { closesAt, act } }),

  vote: (token: string, proposalId: string, choice: string, act: ActJson) =>
    request<Written>(`/proposals/${encodeURIComponent(proposalId)}/votes`, { method: 'POST', token, body: { choice, act } }),

  comment: (token: string, proposalId: string, body: { commentId: string; parentId: string | null; body: string; act: ActJson }) =>
    request<Written>(`/proposals/${encodeURIComponent(proposalId)}/comments`, { method: 'POST', token, body }),
};

export const publicApi = {
  member: (memberId: string, signal?: AbortSignal, atPosition?: number) =>
    request<MemberDetail>(`/members/${encodeURIComponent(memberId)}`, { signal, query: { atPosition } }),
  members: (query: { limit: number; offset: number; atPosition?: number }, signal?: AbortSignal) =>
    request<Page<MemberSummary>>('/members', { query, signal }),
  proposal: (proposalId: string, atPosition?: number, signal?: AbortSignal) =>
    request<ProposalDetail>(`/proposals/${encodeURIComponent(proposalId)}`, { signal, query: { atPosition } }),
  comments: (proposalId: string, signal?: AbortSignal, atPosition?: number) =>
    request<{ items: CommentNode[]; total: number }>(`/proposals/${encodeURIComponent(proposalId)}/comments`, { signal, query: { atPosition } }),
  ledger: (signal?: AbortSignal) => request<LedgerInfo>('/ledger', { signal }),
  ledgerEvents: (from: number, limit: number, signal?: AbortSignal) =>
    request<{ items: LedgerEvent[] }>('/ledger/events', { query: { from, limit }, signal }),
  inclusionProof: (index: number, size: number, signal?: AbortSignal) =>
    request<InclusionProof>('/ledger/proofs/inclusion', { query: { index, size }, signal }),
};
