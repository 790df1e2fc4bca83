import type { EventEnvelope } from '../../events/envelope.js';
import { fold, stateKeysOf, type FoldResult, type NotificationState } from './notifications.fold.js';

let position = 0;
function event(type: string, data: Record<string, unknown>, stream = 's'): EventEnvelope {
  position += 1;
  return { id: `e-${position}`, stream, revision: 0, position, type, schemaVersion: 1, data, meta: { actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: '2026-04-01T00:00:00.000Z' } };
}

/** Folds events in order with the state the consumer would keep, collecting notifications. */
function run(...events: EventEnvelope[]): FoldResult['notifications'] {
  const state = new Map<string, NotificationState>();
  const all: FoldResult['notifications'] = [];
  for (const e of events) {
    const seen = new Map(stateKeysOf(e).flatMap((k) => (state.has(k) ? [[k, state.get(k)!] as const] : [])));
    const { notifications, remember } = fold(e, seen);
    all.push(...notifications);
    for (const [k, v] of Object.entries(remember)) state.set(k, v);
  }
  return all;
}

const tally = { yes: 3, no: 1, abstain: 0 };

describe('notifications: your proposal closed', () => {
  it('the author is told the result', () => {
    expect(run(event('governance.ProposalDrafted', { proposalId: 'p', authorId: 'alice' }), event('governance.ProposalClosed', { proposalId: 'p', result: 'passed', tally }))).toEqual([
      { recipientId: 'alice', kind: 'proposal-closed', subject: { proposalId: 'p', result: 'passed' }, summary: 'Your proposal closed: passed (yes 3, no 1, abstain 0).' },
    ]);
  });

  it('a close of a proposal never seen drafted tells no one', () => {
    expect(run(event('governance.ProposalClosed', { proposalId: 'p', result: 'rejected', tally }))).toEqual([]);
  });
});

describe('notifications: a reply to your comment', () => {
  it('the parent comment’s author is told, not the replier', () => {
    const notes = run(
      event('governance.CommentPosted', { commentId: 'c1', proposalId: 'p', parentId: null, authorId: 'alice', body: 'x' }),
      event('governance.CommentPosted', { commentId: 'c2', proposalId: 'p', parentId: 'c1', authorId: 'bob', body: 'y' }),
      event('governance.CommentPosted', { commentId: 'c3', proposalId: 'p', parentId: 'c2', authorId: 'bob', body: 'z' }),
    );
    expect(notes).toEqual([{ recipientId: 'alice', kind: 'comment-replied', subject: { proposalId: 'p', commentId: 'c2', parentId: 'c1' }, summary: 'Someone replied to your comment.' }]);
  });
});

describe('notifications: a contract awaits your signature', () => {
  const drafted = (signingOrder: string) =>
    event('contracts.ContractDrafted', { contractId: 'k', draftedBy: 'alice', signingOrder, parties: [{ memberId: 'alice', role: 'lender' }, { memberId: 'bob', role: 'borrower' }, { memberId: 'carol', role: 'guarantor' }] });
  const signed = (signerId: string) => event('contracts.ContractSigned', { contractId: 'k', signerId });

  it('in parallel, every party but the drafter is told at the draft, and no one after', () => {
    expect(run(drafted('parallel'), signed('bob'), signed('alice')).map((n) => [n.recipientId, n.kind])).toEqual([
      ['bob', 'contract-awaits-signature'],
      ['carol', 'contract-awaits-signature'],
    ]);
  });

  it('in sequence, each party is told when it is their turn', () => {
    expect(run(drafted('sequential'), signed('alice'), signed('bob'), signed('carol')).map((n) => n.recipientId)).toEqual(['alice', 'bob', 'carol']);
  });

  it('a signature seen twice moves nothing', () => {
    expect(run(drafted('sequential'), signed('alice'), signed('alice')).map((n) => n.recipientId)).toEqual(['alice', 'bob']);
  });
});

describe('notifications: a report on your content was decided', () => {
  const target = { kind: 'comment', proposalId: 'p', commentId: 'c' };
  const taken = event('moderation.ActionTaken', { actionId: 'x', target, moderatorId: 'mod', affectedMemberId: 'bob', kind: 'hide', rule: '2.1', reason: 'r', until: null, visibilityAfter: 'hidden', resolvedReports: ['r1'] });

  it('the author of the content is told of the action, then of the appeal decision', () => {
    const notes = run(taken, event('moderation.AppealDecided', { actionId: 'x', target, decidedBy: 'arb', outcome: 'overturned', reason: 'r', visibilityAfter: 'visible', suspensionLifted: false }));
    expect(notes).toEqual([
      { recipientId: 'bob', kind: 'moderation-action', subject: { actionId: 'x', target, action: 'hide' }, summary: 'A report on your content was decided: hide (rule 2.1).' },
      { recipientId: 'bob', kind: 'appeal-decided', subject: { actionId: 'x', target, outcome: 'overturned' }, summary: 'Your appeal was upheld: the action was overturned.' },
    ]);
  });
});

describe('other events', () => {
  it('tell no one and remember nothing', () => {
    expect(fold(event('governance.VoteCast', { proposalId: 'p', voterId: 'v', choice: 'yes' }), new Map())).toEqual({ notifications: [], remember: {} });
  });
});
