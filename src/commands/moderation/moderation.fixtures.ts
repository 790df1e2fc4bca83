import type { SignedAct } from '../../events/envelope.js';
import type { ModerationEvent, ModerationTarget } from '../../events/moderation/moderation-events.js';

/** Events and values shared by the moderation deciders' specs. */
export const comment: ModerationTarget = { kind: 'comment', proposalId: 'p-1', commentId: 'c-1' };
export const member: ModerationTarget = { kind: 'member', memberId: 'm-author' };
export const meta = { actor: 'm-mod', now: new Date('2030-05-01T12:00:00.000Z'), correlationId: 'c' };

export const reported = (reportId: string, reporterId: string, target: ModerationTarget = comment): ModerationEvent => ({
  type: 'moderation.ContentReported',
  data: { reportId, target, reporterId, category: 'harassment', note: 'Insults another member.' },
});

export const taken = (
  actionId: string,
  kind: 'hide' | 'restore' | 'warn' | 'suspend' | 'remove',
  options: { target?: ModerationTarget; moderatorId?: string; until?: string | null; resolved?: string[] } = {},
): ModerationEvent => {
  const target = options.target ?? comment;
  const visibilityAfter = kind === 'hide' ? 'hidden' : kind === 'remove' ? 'removed' : kind === 'restore' ? 'visible' : null;
  return {
    type: 'moderation.ActionTaken',
    data: {
      actionId,
      target,
      moderatorId: options.moderatorId ?? 'm-mod',
      affectedMemberId: 'm-author',
      kind,
      rule: '3.2 no personal attacks',
      reason: 'Personal attack.',
      until: options.until ?? (kind === 'suspend' ? '2030-05-08T12:00:00.000Z' : null),
      visibilityAfter,
      resolvedReports: options.resolved ?? [],
    },
  };
};

export const appealed = (actionId: string, target: ModerationTarget = comment): ModerationEvent => ({
  type: 'moderation.ActionAppealed',
  data: { actionId, target, appellantId: 'm-author', statement: 'It was a quote.' },
});

export const decided = (actionId: string, outcome: 'upheld' | 'overturned', target: ModerationTarget = comment): ModerationEvent => ({
  type: 'moderation.AppealDecided',
  data: { actionId, target, decidedBy: 'm-mod2', outcome, reason: 'Reviewed.', visibilityAfter: null, suspensionLifted: false },
});

export const signed = (event: ModerationEvent, nonce: string): ModerationEvent => {
  const act: SignedAct = { command: { command: 'x', actor: 'm', keyId: 'k', issuedAt: meta.now.toISOString(), nonce }, signature: 's' };
  return Object.assign({ ...event }, { act });
};
