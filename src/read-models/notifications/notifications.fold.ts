import type { EventEnvelope } from '../../events/envelope.js';
import type { ProposalDrafted, ProposalClosed } from '../../events/governance/proposal-events.js';
import type { CommentPosted } from '../../events/governance/comment-events.js';
import type { ContractDrafted, ContractSigned } from '../../events/contracts/contract-events.js';
import type { ActionTaken, AppealDecided } from '../../events/moderation/moderation-events.js';

/**
 * Members' notifications, built by the Kafka consumer from the integration topics (ADR on Kafka).
 * Each notification needs a fact remembered from an earlier event of the SAME stream (who drafted
 * the proposal, who the parties are), and a stream's events arrive in order on one partition, so
 * the fold keeps a little state per subject and never depends on the order across streams.
 */
export type NotificationKind = 'proposal-closed' | 'comment-replied' | 'contract-awaits-signature' | 'moderation-action' | 'appeal-decided';

export interface Notification {
  recipientId: string;
  kind: NotificationKind;
  /** What the member can open: `{ proposalId }`, `{ contractId }`, `{ actionId, target }`… */
  subject: Record<string, unknown>;
  /** One line for the member, with no personal data (the log has none). */
  summary: string;
}

/** What the fold remembers, by key: `proposal:<id>`, `comment:<id>`, `contract:<id>`, `action:<id>`. */
export type NotificationState =
  | { kind: 'proposal'; authorId: string }
  | { kind: 'comment'; authorId: string }
  | { kind: 'contract'; signingOrder: 'parallel' | 'sequential'; parties: string[]; draftedBy: string; signed: string[] }
  | { kind: 'action'; affectedMemberId: string };

export interface FoldResult {
  notifications: Notification[];
  /** State to store (replacing what was under the key). */
  remember: Record<string, NotificationState>;
}

/** The state keys the fold reads for an event: loaded before `fold` is called. */
export function stateKeysOf(event: EventEnvelope): string[] {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'governance.ProposalClosed':
      return [`proposal:${String(data.proposalId)}`];
    case 'governance.CommentPosted':
      return typeof data.parentId === 'string' ? [`comment:${data.parentId}`] : [];
    case 'contracts.ContractSigned':
      return [`contract:${String(data.contractId)}`];
    case 'moderation.AppealDecided':
      return [`action:${String(data.actionId)}`];
    default:
      return [];
  }
}

const nothing: FoldResult = { notifications: [], remember: {} };

/** The notifications one event yields, and what to remember from it. Pure. */
export function fold(event: EventEnvelope, state: ReadonlyMap<string, NotificationState>): FoldResult {
  switch (event.type) {
    case 'governance.ProposalDrafted': {
      const { proposalId, authorId } = event.data as ProposalDrafted['data'];
      return { notifications: [], remember: { [`proposal:${proposalId}`]: { kind: 'proposal', authorId } } };
    }
    case 'governance.ProposalClosed': {
      const { proposalId, result, tally } = event.data as ProposalClosed['data'];
      const proposal = state.get(`proposal:${proposalId}`);
      if (proposal?.kind !== 'proposal') return nothing;
      const summary = `Your proposal closed: ${result} (yes ${tally.yes}, no ${tally.no}, abstain ${tally.abstain}).`;
      return { notifications: [{ recipientId: proposal.authorId, kind: 'proposal-closed', subject: { proposalId, result }, summary }], remember: {} };
    }
    case 'governance.CommentPosted': {
      const { commentId, proposalId, parentId, authorId } = event.data as CommentPosted['data'];
      const remember: Record<string, NotificationState> = { [`comment:${commentId}`]: { kind: 'comment', authorId } };
      const parent = parentId === null ? undefined : state.get(`comment:${parentId}`);
      if (parent?.kind !== 'comment' || parent.authorId === authorId) return { notifications: [], remember };
      const subject = { proposalId, commentId, parentId };
      return { notifications: [{ recipientId: parent.authorId, kind: 'comment-replied', subject, summary: 'Someone replied to your comment.' }], remember };
    }
    case 'contracts.ContractDrafted': {
      const { contractId, parties, signingOrder, draftedBy } = event.data as ContractDrafted['data'];
      const contract: NotificationState = { kind: 'contract', signingOrder, parties: parties.map((p) => p.memberId), draftedBy, signed: [] };
      return { notifications: awaitingSignature(contractId, contract), remember: { [`contract:${contractId}`]: contract } };
    }
    case 'contracts.ContractSigned': {
      const { contractId, signerId } = event.data as ContractSigned['data'];
      const contract = state.get(`contract:${contractId}`);
      if (contract?.kind !== 'contract' || contract.signed.includes(signerId)) return nothing;
      const next: NotificationState = { ...contract, signed: [...contract.signed, signerId] };
      // In parallel signing everyone was told at the draft; in sequence, the next party is told now.
      const notifications = contract.signingOrder === 'sequential' ? awaitingSignature(contractId, next) : [];
      return { notifications, remember: { [`contract:${contractId}`]: next } };
    }
    case 'moderation.ActionTaken': {
      const { actionId, target, affectedMemberId, kind, rule } = event.data as ActionTaken['data'];
      const summary = target.kind === 'member' ? `A moderator acted on your membership: ${kind} (rule ${rule}).` : `A report on your content was decided: ${kind} (rule ${rule}).`;
      return {
        notifications: [{ recipientId: affectedMemberId, kind: 'moderation-action', subject: { actionId, target, action: kind }, summary }],
        remember: { [`action:${actionId}`]: { kind: 'action', affectedMemberId } },
      };
    }
    case 'moderation.AppealDecided': {
      const { actionId, target, outcome } = event.data as AppealDecided['data'];
      const action = state.get(`action:${actionId}`);
      if (action?.kind !== 'action') return nothing;
      const summary = outcome === 'overturned' ? 'Your appeal was upheld: the action was overturned.' : 'Your appeal was decided: the action stands.';
      return { notifications: [{ recipientId: action.affectedMemberId, kind: 'appeal-decided', subject: { actionId, target, outcome }, summary }], remember: {} };
    }
    default:
      return nothing;
  }
}

/** Whom a contract waits for: in parallel every party but the drafter; in sequence the first who has not signed. */
function awaitingSignature(contractId: string, contract: Extract<NotificationState, { kind: 'contract' }>): Notification[] {
  const unsigned = contract.parties.filter((p) => !contract.signed.includes(p));
  const waitingFor = contract.signingOrder === 'parallel' ? unsigned.filter((p) => p !== contract.draftedBy) : unsigned.slice(0, 1);
  return waitingFor.map((recipientId) => ({ recipientId, kind: 'contract-awaits-signature', subject: { contractId }, summary: 'A contract awaits your signature.' }));
}
