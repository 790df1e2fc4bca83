import { t } from '../i18n/t';
import type {
  Decision,
  Page,
  Problem,
  ProjectionInfo,
  ProposalDetail,
  ProposalStatus,
  ProposalSummary,
} from './types';

/** A failed request, always carrying a problem (from the server, or made up for network errors). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

type Query = Readonly<Record<string, string | number | null | undefined>>;

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Query;
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /** `text` for plain-text resources (the signed checkpoint). */
  as?: 'json' | 'text';
  idempotencyKey?: string;
}

/** The one way the app talks to the server: every failure becomes an ApiError carrying a problem. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  const url = `/api${path}${search ? `?${search}` : ''}`;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, text/plain' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      type: 'about:blank',
      title: t('error.network.title'),
      status: 0,
      detail: t('error.network.detail'),
    });
  }

  let body: unknown = undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      body = undefined;
    }
  } else if (options.as === 'text' && response.ok) {
    body = await response.text();
  }

  if (!response.ok) {
    if (isProblem(body)) {
      throw new ApiError({ ...body, status: typeof body.status === 'number' ? body.status : response.status });
    }
    throw new ApiError({
      type: 'about:blank',
      title: t('error.http.title'),
      status: response.status,
      detail: t('error.http.detail', { status: response.status }),
    });
  }

  if (body === undefined) {
    throw new ApiError({
      type: 'about:blank',
      title: t('error.invalidResponse.title'),
      status: response.status,
      detail: t('error.invalidResponse.detail'),
    });
  }
  return body as T;
}

function getJson<T>(path: string, query: Query, signal: AbortSignal): Promise<T> {
  return request<T>(path, { query, signal });
}

// A type alias (not an interface) so it fits the index signature of `Query`.
export type PageQuery = {
  limit: number;
  offset: number;
};

export const api = {
  listProposals: (query: PageQuery & { status: ProposalStatus | null }, signal: AbortSignal) =>
    getJson<Page<ProposalSummary>>('/proposals', query, signal),

  getProposal: (proposalId: string, signal: AbortSignal) =>
    getJson<ProposalDetail>(`/proposals/${encodeURIComponent(proposalId)}`, {}, signal),

  listDecisions: (query: PageQuery, signal: AbortSignal) =>
    getJson<Page<Decision>>('/decision-log', query, signal),

  listProjections: (signal: AbortSignal) =>
    getJson<{ items: ProjectionInfo[] }>('/projections', {}, signal),
};

/** Turns anything thrown into a problem to show. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (error instanceof Error && 'problem' in error && isProblem(error.problem)) return error.problem as Problem;
  return {
    type: 'about:blank',
    title: t('error.invalidResponse.title'),
    status: 0,
    detail: error instanceof Error ? error.message : t('error.invalidResponse.detail'),
  };
}
