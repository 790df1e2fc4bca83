import { request } from './client';
import type { ActJson, Written } from './types';

export const CONTRACT_KINDS = ['investment', 'revenue-sharing', 'employment', 'rental', 'partnership'] as const;
export const FIELD_TYPES = ['string', 'integer', 'money', 'date', 'member', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface TemplateField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
}

export interface TemplateSummary {
  templateId: string;
  version: number;
  kind: string;
  title: string;
  fields: TemplateField[];
  publishedBy: string;
  publishedAt: string;
  position: number;
}

export interface TemplateDetail extends TemplateSummary {
  body: string;
}

export interface ContractParty {
  memberId: string;
  role: string;
  signature: { keyId: string; signature: string; signedAt: string; position: number } | null;
}

export interface ContractView {
  contractId: string;
  templateId: string;
  templateVersion: number;
  draftedBy: string;
  parties: ContractParty[];
  signingOrder: 'parallel' | 'sequential';
  visibility: 'private' | 'public';
  documentSha256: string;
  status: string;
  draftedAt: string;
  executedAt: string | null;
  position: number;
}

export const contractsApi = {
  templates: (signal?: AbortSignal, atPosition?: number) =>
    request<{ items: TemplateSummary[]; total: number }>('/contract-templates', { signal, query: { limit: 100, offset: 0, atPosition } }),
  template: (templateId: string, version: number, signal?: AbortSignal) =>
    request<TemplateDetail>(`/contract-templates/${encodeURIComponent(templateId)}/versions/${version}`, { signal }),
  publish: (token: string, body: { templateId: string; version: number; kind: string; title: string; body: string; fields: TemplateField[]; act: ActJson }) =>
    request<Written>('/contract-templates', { method: 'POST', token, body }),
  ofMember: (memberId: string, signal?: AbortSignal, atPosition?: number) =>
    request<{ items: ContractView[] }>(`/members/${encodeURIComponent(memberId)}/contracts`, { signal, query: { atPosition } }),
  get: (contractId: string, signal?: AbortSignal, atPosition?: number) =>
    request<ContractView>(`/contracts/${encodeURIComponent(contractId)}`, { signal, query: { atPosition } }),
  document: (contractId: string, token: string | null, signal?: AbortSignal) =>
    request<{ contractId: string; sha256: string; visibility: string; document: string }>(`/contracts/${encodeURIComponent(contractId)}/document`, { signal, token }),
  draft: (
    token: string,
    body: {
      contractId: string;
      templateId: string;
      templateVersion: number;
      parties: { memberId: string; role: string }[];
      signingOrder: string;
      visibility: string;
      fields: Record<string, unknown>;
      salt: string;
      act: ActJson;
    },
  ) => request<Written>('/contracts', { method: 'POST', token, body }),
  sign: (token: string, contractId: string, body: { documentSha256: string; signature: string; act: ActJson }) =>
    request<Written>(`/contracts/${encodeURIComponent(contractId)}/signatures`, { method: 'POST', token, body }),
};
