import type { Recorded, SignedAct } from '../../events/envelope.js';
import type { ActionKind, AppealOutcome, ModerationEvent, Visibility } from '../../events/moderation/moderation-events.js';

export type Appeal = { status: 'none' } | { status: 'pending'; appellantId: string } | { status: 'decided'; appellantId: string; outcome: AppealOutcome };

export interface ActionState {
  actionId: string;
  kind: ActionKind;
  moderatorId: string;
  affectedMemberId: string;
  until: string | null;
  appeal: Appeal;
}

/**
 * Everything moderation knows about one target (a proposal, a comment or a member), from the
 * target's moderation stream: its reports, the actions on it and their appeals, and how it shows.
 */
export interface ModerationCase {
  /** Content only; a member target stays `visible`. */
  visibility: Visibility;
  /** The action whose effect the current visibility is, so that overturning an older one does not undo a newer one. */
  visibilitySetBy: string | null;
  /** reportId -> reporter; a report leaves when an action resolves it. */
  openReports: ReadonlyMap<string, string>;
  reportIds: ReadonlySet<string>;
  actions: ReadonlyMap<string, ActionState>;
  usedNonces: ReadonlySet<string>;
}

export type ModerationHistoryEvent = Recorded<ModerationEvent> & { act?: SignedAct };

export const initialModerationCase: ModerationCase = {
  visibility: 'visible',
  visibilitySetBy: null,
  openReports: new Map(),
  reportIds: new Set(),
  actions: new Map(),
  usedNonces: new Set(),
};

export function evolveModerationCase(state: ModerationCase, event: ModerationHistoryEvent): ModerationCase {
  const next = apply(state, event);
  const nonce = event.act?.command.nonce;
  return typeof nonce === 'string' ? { ...next, usedNonces: new Set(next.usedNonces).add(nonce) } : next;
}

function apply(state: ModerationCase, event: Recorded<ModerationEvent>): ModerationCase {
  switch (event.type) {
    case 'moderation.ContentReported': {
      const { reportId, reporterId } = event.data;
      if (state.reportIds.has(reportId)) return state;
      return { ...state, reportIds: new Set(state.reportIds).add(reportId), openReports: new Map(state.openReports).set(reportId, reporterId) };
    }
    case 'moderation.ActionTaken': {
      const { actionId, kind, moderatorId, affectedMemberId, until, visibilityAfter, resolvedReports } = event.data;
      if (state.actions.has(actionId)) return state;
      const openReports = new Map(state.openReports);
      for (const reportId of resolvedReports) openReports.delete(reportId);
      const action: ActionState = { actionId, kind, moderatorId, affectedMemberId, until, appeal: { status: 'none' } };
      return {
        ...state,
        openReports,
        actions: new Map(state.actions).set(actionId, action),
        ...(visibilityAfter === null ? {} : { visibility: visibilityAfter, visibilitySetBy: actionId }),
      };
    }
    case 'moderation.ActionAppealed': {
      const action = state.actions.get(event.data.actionId);
      if (action === undefined || action.appeal.status !== 'none') return state;
      return withAction(state, { ...action, appeal: { status: 'pending', appellantId: event.data.appellantId } });
    }
    case 'moderation.AppealDecided': {
      const action = state.actions.get(event.data.actionId);
      if (action === undefined || action.appeal.status !== 'pending') return state;
      const decided = withAction(state, { ...action, appeal: { status: 'decided', appellantId: action.appeal.appellantId, outcome: event.data.outcome } });
      return event.data.visibilityAfter === null ? decided : { ...decided, visibility: event.data.visibilityAfter, visibilitySetBy: null };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled moderation event ${(unhandled as { type: string }).type}`);
    }
  }
}

const withAction = (state: ModerationCase, action: ActionState): ModerationCase => ({ ...state, actions: new Map(state.actions).set(action.actionId, action) });
