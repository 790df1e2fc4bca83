import { PROPOSAL_STATUSES, type ProposalStatus } from '../api/types';

export type Route =
  | { name: 'proposals'; status: ProposalStatus | null; page: number }
  | { name: 'proposal'; proposalId: string }
  | { name: 'decisionLog'; page: number }
  | { name: 'operators' }
  | { name: 'newProposal' }
  | { name: 'register' }
  | { name: 'login' }
  | { name: 'account' }
  | { name: 'members'; page: number }
  | { name: 'ledger'; from: number | null; index: number | null }
  | { name: 'contracts' }
  | { name: 'contract'; contractId: string }
  | { name: 'newContract'; templateId: string | null; version: number }
  | { name: 'newTemplate' }
  | { name: 'moderationLog'; page: number }
  | { name: 'moderationQueue' }
  | { name: 'notifications' }
  | { name: 'transactions' }
  | { name: 'elections' }
  | { name: 'arbitration' }
  | { name: 'arbitrationCase'; caseId: string }
  | { name: 'election'; electionId: string }
  | { name: 'moderationAction'; actionId: string }
  | { name: 'analytics' }
  | { name: 'notFound' };

function parseIndex(value: string | null): number | null {
  if (value === null || !/^(0|[1-9][0-9]*)$/.test(value)) return null;
  const index = Number(value);
  return Number.isSafeInteger(index) ? index : null;
}

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
  if (first === 'contracts' && second === 'templates' && rest.length === 1 && rest[0] === 'new') return { name: 'newTemplate' };
  if (first === 'moderation' && second === 'actions' && rest.length === 1) {
    try {
      return { name: 'moderationAction', actionId: decodeURIComponent(rest[0]!) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (first === 'moderation' && second === 'queue' && rest.length === 0) return { name: 'moderationQueue' };
  if (rest.length > 0) return { name: 'notFound' };
  if (first === 'contracts' && second === undefined) return { name: 'contracts' };
  if (first === 'elections' && second === undefined) return { name: 'elections' };
  if (first === 'arbitration' && second === undefined) return { name: 'arbitration' };
  if (first === 'arbitration' && second !== undefined) {
    try {
      return { name: 'arbitrationCase', caseId: decodeURIComponent(second) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (first === 'elections' && second !== undefined) {
    try {
      return { name: 'election', electionId: decodeURIComponent(second) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (first === 'contracts' && second === 'new') {
    return { name: 'newContract', templateId: query.get('template'), version: parsePage(query.get('version')) };
  }
  if (first === 'contracts' && second !== undefined) {
    try {
      return { name: 'contract', contractId: decodeURIComponent(second) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (first === undefined || (first === 'proposals' && second === undefined)) {
    return { name: 'proposals', status: parseStatus(query.get('status')), page: parsePage(query.get('page')) };
  }
  if (first === 'proposals' && second === 'new') return { name: 'newProposal' };
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
  if (first === 'analytics') return { name: 'analytics' };
  if (first === 'moderation') return { name: 'moderationLog', page: parsePage(query.get('page')) };
  if (first === 'notifications') return { name: 'notifications' };
  if (first === 'transactions') return { name: 'transactions' };
  if (first === 'register') return { name: 'register' };
  if (first === 'login') return { name: 'login' };
  if (first === 'account') return { name: 'account' };
  if (first === 'members') return { name: 'members', page: parsePage(query.get('page')) };
  if (first === 'ledger') return { name: 'ledger', from: parseIndex(query.get('from')), index: parseIndex(query.get('index')) };
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
  analytics: () => '#/analytics',
  newProposal: () => '#/proposals/new',
  register: () => '#/register',
  login: () => '#/login',
  account: () => '#/account',
  members: (page = 1) => withQuery('/members', { page: page > 1 ? page : null }),
  contracts: () => '#/contracts',
  contract: (contractId: string) => `#/contracts/${encodeURIComponent(contractId)}`,
  newContract: (templateId: string, version: number) => withQuery('/contracts/new', { template: templateId, version }),
  newTemplate: () => '#/contracts/templates/new',
  moderationLog: (page = 1) => withQuery('/moderation', { page: page > 1 ? page : null }),
  moderationQueue: () => '#/moderation/queue',
  notifications: () => '#/notifications',
  transactions: () => '#/transactions',
  elections: () => '#/elections',
  arbitration: () => '#/arbitration',
  arbitrationCase: (caseId: string) => `#/arbitration/${encodeURIComponent(caseId)}`,
  election: (electionId: string) => `#/elections/${encodeURIComponent(electionId)}`,
  moderationAction: (actionId: string) => `#/moderation/actions/${encodeURIComponent(actionId)}`,
  ledger: (from: number | null = null, index: number | null = null) => withQuery('/ledger', { from, index }),
};

export function navigate(to: string): void {
  window.location.hash = to;
}
