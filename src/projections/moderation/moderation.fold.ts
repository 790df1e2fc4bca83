import type { EventEnvelope } from '../../events/envelope.js';
import {
  targetKey,
  type ActionKind,
  type ModerationEvent,
  type ModerationTarget,
  type ReportCategory,
  type Visibility,
} from '../../events/moderation/moderation-events.js';

export const MODERATION_EVENT_TYPES = [
  'moderation.ContentReported',
  'moderation.ActionTaken',
  'moderation.ActionAppealed',
  'moderation.AppealDecided',
] as const satisfies readonly ModerationEvent['type'][];

const handled: ReadonlySet<string> = new Set(MODERATION_EVENT_TYPES);

type ModerationEnvelope = { [T in ModerationEvent['type']]: EventEnvelope<T, Extract<ModerationEvent, { type: T }>['data']> }[ModerationEvent['type']];

export interface ReportRow {
  reportId: string;
  target: ModerationTarget;
  targetKey: string;
  reporterId: string;
  category: ReportCategory;
  note: string;
  status: 'open' | 'resolved';
  reportedAt: string;
  reportedPosition: number;
  resolvedByAction: string | null;
  resolvedAt: string | null;
}

export type AppealStatus = 'none' | 'pending' | 'upheld' | 'overturned';

export interface ActionRow {
  actionId: string;
  target: ModerationTarget;
  targetKey: string;
  moderatorId: string;
  affectedMemberId: string;
  kind: ActionKind;
  rule: string;
  reason: string;
  until: string | null;
  takenAt: string;
  takenPosition: number;
  appealStatus: AppealStatus;
  appealStatement: string | null;
  appealedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  lastPosition: number;
}

/** How a target shows in the public read models; rows exist only for targets moderation touched. */
export interface VisibilityRow {
  targetKey: string;
  target: ModerationTarget;
  visibility: Visibility;
  updatedPosition: number;
}

/** One line of the public moderation log: an action, an appeal or a decision. Reports are not in it. */
export interface LogRow {
  position: number;
  entry: 'action' | 'appeal' | 'decision';
  actionId: string;
  target: ModerationTarget;
  targetKey: string;
  actorId: string;
  /** action: the kind; decision: the outcome; appeal: null. */
  kind: string | null;
  rule: string | null;
  /** The public reason (action, decision) or the appellant's statement. */
  text: string;
  until: string | null;
  occurredAt: string;
}

export interface ModerationRows {
  reports: ReportRow[];
  actions: ActionRow[];
  visibility: VisibilityRow[];
  log: LogRow[];
}

export function moderationEventsOf(batch: readonly EventEnvelope[]): ModerationEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as ModerationEnvelope[];
}

/** The report and action ids a batch touches: the rows to load before folding. */
export function moderationKeysOf(batch: readonly EventEnvelope[]): { reportIds: string[]; actionIds: string[] } {
  const reportIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const event of moderationEventsOf(batch)) {
    if (event.type === 'moderation.ContentReported') reportIds.add(event.data.reportId);
    else actionIds.add(event.data.actionId);
    if (event.type === 'moderation.ActionTaken') for (const r of event.data.resolvedReports) reportIds.add(r);
  }
  return { reportIds: [...reportIds], actionIds: [...actionIds] };
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the current rows it touches, in memory. Events at or below a row's last
 * position were applied already and are skipped, so replaying a batch changes nothing.
 */
export function foldModeration(
  existing: { reports: ReadonlyMap<string, ReportRow>; actions: ReadonlyMap<string, ActionRow> },
  batch: readonly EventEnvelope[],
): ModerationRows {
  const reports = new Map<string, ReportRow>();
  const actions = new Map<string, ActionRow>();
  const visibility = new Map<string, VisibilityRow>();
  const log: LogRow[] = [];
  const report = (id: string) => reports.get(id) ?? existing.reports.get(id);
  const action = (id: string) => actions.get(id) ?? existing.actions.get(id);
  const show = (target: ModerationTarget, value: Visibility | null, position: number) => {
    if (value !== null) visibility.set(targetKey(target), { targetKey: targetKey(target), target, visibility: value, updatedPosition: position });
  };

  for (const event of moderationEventsOf(batch)) {
    const at = iso(event.meta.occurredAt);
    switch (event.type) {
      case 'moderation.ContentReported': {
        const { reportId, target, reporterId, category, note } = event.data;
        if (report(reportId) !== undefined) break;
        reports.set(reportId, {
          reportId,
          target,
          targetKey: targetKey(target),
          reporterId,
          category,
          note,
          status: 'open',
          reportedAt: at,
          reportedPosition: event.position,
          resolvedByAction: null,
          resolvedAt: null,
        });
        break;
      }
      case 'moderation.ActionTaken': {
        const d = event.data;
        if (action(d.actionId) !== undefined) break;
        actions.set(d.actionId, {
          actionId: d.actionId,
          target: d.target,
          targetKey: targetKey(d.target),
          moderatorId: d.moderatorId,
          affectedMemberId: d.affectedMemberId,
          kind: d.kind,
          rule: d.rule,
          reason: d.reason,
          until: d.until,
          takenAt: at,
          takenPosition: event.position,
          appealStatus: 'none',
          appealStatement: null,
          appealedAt: null,
          decidedBy: null,
          decisionReason: null,
          decidedAt: null,
          lastPosition: event.position,
        });
        for (const reportId of d.resolvedReports) {
          const r = report(reportId);
          if (r !== undefined && r.status === 'open') reports.set(reportId, { ...r, status: 'resolved', resolvedByAction: d.actionId, resolvedAt: at });
        }
        show(d.target, d.visibilityAfter, event.position);
        log.push({ position: event.position, entry: 'action', actionId: d.actionId, target: d.target, targetKey: targetKey(d.target), actorId: d.moderatorId, kind: d.kind, rule: d.rule, text: d.reason, until: d.until, occurredAt: at });
        break;
      }
      case 'moderation.ActionAppealed': {
        const d = event.data;
        const a = action(d.actionId);
        if (a === undefined || a.appealStatus !== 'none' || event.position <= a.lastPosition) break;
        actions.set(d.actionId, { ...a, appealStatus: 'pending', appealStatement: d.statement, appealedAt: at, lastPosition: event.position });
        log.push({ position: event.position, entry: 'appeal', actionId: d.actionId, target: d.target, targetKey: targetKey(d.target), actorId: d.appellantId, kind: null, rule: null, text: d.statement, until: null, occurredAt: at });
        break;
      }
      case 'moderation.AppealDecided': {
        const d = event.data;
        const a = action(d.actionId);
        if (a === undefined || a.appealStatus !== 'pending' || event.position <= a.lastPosition) break;
        actions.set(d.actionId, { ...a, appealStatus: d.outcome, decidedBy: d.decidedBy, decisionReason: d.reason, decidedAt: at, lastPosition: event.position });
        show(d.target, d.visibilityAfter, event.position);
        log.push({ position: event.position, entry: 'decision', actionId: d.actionId, target: d.target, targetKey: targetKey(d.target), actorId: d.decidedBy, kind: d.outcome, rule: null, text: d.reason, until: null, occurredAt: at });
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled moderation event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return { reports: [...reports.values()], actions: [...actions.values()], visibility: [...visibility.values()], log };
}
