import type { ModerationTarget } from '../../events/moderation/moderation-events.js';
import type { Queryable } from '../governance/proposal-queries.js';
import type { Paging } from '../members/member-queries.js';

export interface ModerationLogEntry {
  position: number;
  entry: 'action' | 'appeal' | 'decision';
  actionId: string;
  target: ModerationTarget;
  actorId: string;
  kind: string | null;
  rule: string | null;
  text: string;
  until: string | null;
  occurredAt: string;
}

export interface ReportItem {
  reportId: string;
  target: ModerationTarget;
  reporterId: string;
  category: string;
  note: string;
  status: 'open' | 'resolved';
  reportedAt: string;
  position: number;
  resolvedByAction: string | null;
  resolvedAt: string | null;
}

export interface ModerationActionDetail {
  actionId: string;
  target: ModerationTarget;
  moderatorId: string;
  affectedMemberId: string;
  kind: string;
  rule: string;
  reason: string;
  until: string | null;
  takenAt: string;
  position: number;
  appeal: { status: string; statement: string | null; appealedAt: string | null; decidedBy: string | null; reason: string | null; decidedAt: string | null };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The public moderation log, newest first: actions, appeals and decisions with their public reasons; never who reported. */
export async function listModerationLog(db: Queryable, paging: Paging): Promise<{ items: ModerationLogEntry[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query(
      `SELECT position, entry, action_id, target, actor_id, kind, rule, text, until, occurred_at
         FROM read_models.moderation_log ORDER BY position DESC LIMIT $1 OFFSET $2`,
      [paging.limit, paging.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.moderation_log`),
  ]);
  return {
    items: rows.map((r) => ({
      position: Number(r.position),
      entry: r.entry,
      actionId: r.action_id,
      target: r.target,
      actorId: r.actor_id,
      kind: r.kind,
      rule: r.rule,
      text: r.text,
      until: iso(r.until),
      occurredAt: r.occurred_at.toISOString(),
    })),
    total: Number(count.rows[0]!.n),
  };
}

/** The moderators' queue: reports in the order they came, open ones by default. */
export async function listReports(db: Queryable, status: 'open' | 'resolved', paging: Paging): Promise<{ items: ReportItem[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query(
      `SELECT report_id, target, reporter_id, category, note, status, reported_at, reported_position, resolved_by_action, resolved_at
         FROM read_models.moderation_reports WHERE status = $1 ORDER BY reported_position LIMIT $2 OFFSET $3`,
      [status, paging.limit, paging.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.moderation_reports WHERE status = $1`, [status]),
  ]);
  return {
    items: rows.map((r) => ({
      reportId: r.report_id,
      target: r.target,
      reporterId: r.reporter_id,
      category: r.category,
      note: r.note,
      status: r.status,
      reportedAt: r.reported_at.toISOString(),
      position: Number(r.reported_position),
      resolvedByAction: r.resolved_by_action,
      resolvedAt: iso(r.resolved_at),
    })),
    total: Number(count.rows[0]!.n),
  };
}

export async function getModerationAction(db: Queryable, actionId: string): Promise<ModerationActionDetail | null> {
  const { rows } = await db.query(`SELECT * FROM read_models.moderation_actions WHERE action_id = $1`, [actionId]);
  const r = rows[0];
  if (r === undefined) return null;
  return {
    actionId: r.action_id,
    target: r.target,
    moderatorId: r.moderator_id,
    affectedMemberId: r.affected_member_id,
    kind: r.kind,
    rule: r.rule,
    reason: r.reason,
    until: iso(r.until),
    takenAt: r.taken_at.toISOString(),
    position: Number(r.taken_position),
    appeal: {
      status: r.appeal_status,
      statement: r.appeal_statement,
      appealedAt: iso(r.appealed_at),
      decidedBy: r.decided_by,
      reason: r.decision_reason,
      decidedAt: iso(r.decided_at),
    },
  };
}
