import type { DomainEvent } from '../envelope.js';

/** What can be reported and acted on: a proposal, one comment of a proposal's discussion, or a member. */
export type ModerationTarget =
  | { kind: 'proposal'; proposalId: string }
  | { kind: 'comment'; proposalId: string; commentId: string }
  | { kind: 'member'; memberId: string };

export const TARGET_KINDS = ['proposal', 'comment', 'member'] as const satisfies readonly ModerationTarget['kind'][];

export const REPORT_CATEGORIES = ['spam', 'harassment', 'illegal', 'misinformation', 'off-topic', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const ACTION_KINDS = ['hide', 'restore', 'warn', 'suspend', 'remove'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** How content shows in the public read models. Members have no visibility: they are warned or suspended. */
export const VISIBILITIES = ['visible', 'hidden', 'removed'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The action stands (the appeal is rejected) or is overturned (and reversed). */
export const APPEAL_OUTCOMES = ['upheld', 'overturned'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A member reported a target; the report stays open until an action resolves it. */
export type ContentReported = DomainEvent<
  'moderation.ContentReported',
  { reportId: string; target: ModerationTarget; reporterId: string; category: ReportCategory; note: string }
>;

/**
 * A moderator acted on a target, citing a community rule and a public reason. `affectedMemberId` is
 * who may appeal (the author of the content, or the member); `visibilityAfter` is the content's
 * visibility from now on (null when unchanged); `until` ends a suspension.
 */
export type ActionTaken = DomainEvent<
  'moderation.ActionTaken',
  {
    actionId: string;
    target: ModerationTarget;
    moderatorId: string;
    affectedMemberId: string;
    kind: ActionKind;
    rule: string;
    reason: string;
    until: string | null;
    visibilityAfter: Visibility | null;
    resolvedReports: string[];
  }
>;

/** The affected member appealed an action (once per action). */
export type ActionAppealed = DomainEvent<'moderation.ActionAppealed', { actionId: string; target: ModerationTarget; appellantId: string; statement: string }>;

/**
 * Another moderator, or an arbiter, decided an appeal. An overturned action is reversed: the
 * content's visibility goes back (`visibilityAfter`), a suspension is lifted (`suspensionLifted`).
 */
export type AppealDecided = DomainEvent<
  'moderation.AppealDecided',
  {
    actionId: string;
    target: ModerationTarget;
    decidedBy: string;
    outcome: AppealOutcome;
    reason: string;
    visibilityAfter: Visibility | null;
    suspensionLifted: boolean;
  }
>;

export type ModerationEvent = ContentReported | ActionTaken | ActionAppealed | AppealDecided;

/** One readable key per target, used in stream names and read-model rows. */
export function targetKey(target: ModerationTarget): string {
  switch (target.kind) {
    case 'proposal':
      return `proposal-${target.proposalId}`;
    case 'comment':
      return `comment-${target.proposalId}-${target.commentId}`;
    case 'member':
      return `member-${target.memberId}`;
    default: {
      const unhandled: never = target;
      throw new Error(`unhandled moderation target ${(unhandled as { kind: string }).kind}`);
    }
  }
}

/** Everything moderation decides about one target lives on that target's stream (docs/adr/0012-moderation-and-arbitration.md). */
export const moderationStream = (target: ModerationTarget): string => `moderation-${targetKey(target)}`;
