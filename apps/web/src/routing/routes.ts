import { PROPOSAL_STATUSES, type ProposalStatus } from '../api/types';

export type Route =
  | { name: 'proposals'; status: ProposalStatus | null; page: number }
  | { name: 'proposal'; proposalId: string }
  | { name: 'decisionLog'; page: number }
  | { name: 'operators' }
  | { name: 'notFound' };

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 1 ? page : 1;
}

function parseStatus(value: string | null): ProposalStatus | null {
  return PROPOSAL_STATUSES.find((status) => status === value) ?? null;
}

/** Reads a route from a location hash such as `#/proposals?status=open&page=2`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  const segments = path.split('/').filter((segment) => segment !== '');

  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { name: 'notFound' };
  if (first === undefined || (first === 'proposals' && second === undefined)) {
    return { name: 'proposals', status: parseStatus(query.get('status')), page: parsePage(query.get('page')) };
  }
  if (first === 'proposals' && second !== undefined) {
    try {
      return { name: 'proposal', proposalId: decodeURIComponent(second) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (second !== undefined) return { name: 'notFound' };
  if (first === 'decision-log') return { name: 'decisionLog', page: parsePage(query.get('page')) };
  if (first === 'operators') return { name: 'operators' };
  return { name: 'notFound' };
}

function withQuery(path: string, query: Record<string, string | number | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null) params.set(name, String(value));
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export const href = {
  proposals: (status: ProposalStatus | null = null, page = 1) =>
    withQuery('/proposals', { status, page: page > 1 ? page : null }),
  proposal: (proposalId: string) => `#/proposals/${encodeURIComponent(proposalId)}`,
  decisionLog: (page = 1) => withQuery('/decision-log', { page: page > 1 ? page : null }),
  operators: () => '#/operators',
};

export function navigate(to: string): void {
  window.location.hash = to;
}
