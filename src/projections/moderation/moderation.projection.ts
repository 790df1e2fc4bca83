import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { ModerationTarget } from '../../events/moderation/moderation-events.js';
import type { Projection } from '../projection.js';
import { foldModeration, MODERATION_EVENT_TYPES, moderationKeysOf, type ActionRow, type ReportRow } from './moderation.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS moderation_reports (
    report_id          uuid        PRIMARY KEY,
    target             jsonb       NOT NULL,
    target_key         text        NOT NULL,
    reporter_id        uuid        NOT NULL,
    category           text        NOT NULL,
    note               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('open', 'resolved')),
    reported_at        timestamptz NOT NULL,
    reported_position  bigint      NOT NULL,
    resolved_by_action uuid,
    resolved_at        timestamptz
  );
  -- The moderators' queue: open reports, oldest first.
  CREATE INDEX IF NOT EXISTS moderation_reports_queue ON moderation_reports (status, reported_position);

  CREATE TABLE IF NOT EXISTS moderation_actions (
    action_id          uuid        PRIMARY KEY,
    target             jsonb       NOT NULL,
    target_key         text        NOT NULL,
    moderator_id       uuid        NOT NULL,
    affected_member_id uuid        NOT NULL,
    kind               text        NOT NULL,
    rule               text        NOT NULL,
    reason             text        NOT NULL,
    until              timestamptz,
    taken_at           timestamptz NOT NULL,
    taken_position     bigint      NOT NULL,
    appeal_status      text        NOT NULL CHECK (appeal_status IN ('none', 'pending', 'upheld', 'overturned')),
    appeal_statement   text,
    appealed_at        timestamptz,
    decided_by         uuid,
    decision_reason    text,
    decided_at         timestamptz,
    last_position      bigint      NOT NULL
  );
  CREATE INDEX IF NOT EXISTS moderation_actions_target ON moderation_actions (target_key, taken_position);

  CREATE TABLE IF NOT EXISTS moderation_log (
    position    bigint      PRIMARY KEY,
    entry       text        NOT NULL CHECK (entry IN ('action', 'appeal', 'decision')),
    action_id   uuid        NOT NULL,
    target      jsonb       NOT NULL,
    target_key  text        NOT NULL,
    actor_id    uuid        NOT NULL,
    kind        text,
    rule        text,
    text        text        NOT NULL,
    until       timestamptz,
    occurred_at timestamptz NOT NULL
  );

  -- How moderated content shows; other read models join it (e.g. a proposal's comments).
  CREATE TABLE IF NOT EXISTS moderation_visibility (
    target_key       text   PRIMARY KEY,
    target_kind      text   NOT NULL,
    proposal_id      uuid,
    comment_id       uuid,
    member_id        uuid,
    visibility       text   NOT NULL CHECK (visibility IN ('visible', 'hidden', 'removed')),
    updated_position bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS moderation_visibility_comment ON moderation_visibility (proposal_id, comment_id) WHERE target_kind = 'comment';
`;

interface ReportTableRow {
  report_id: string;
  target: ModerationTarget;
  target_key: string;
  reporter_id: string;
  category: ReportRow['category'];
  note: string;
  status: ReportRow['status'];
  reported_at: Date;
  reported_position: string;
  resolved_by_action: string | null;
  resolved_at: Date | null;
}

interface ActionTableRow {
  action_id: string;
  target: ModerationTarget;
  target_key: string;
  moderator_id: string;
  affected_member_id: string;
  kind: ActionRow['kind'];
  rule: string;
  reason: string;
  until: Date | null;
  taken_at: Date;
  taken_position: string;
  appeal_status: ActionRow['appealStatus'];
  appeal_statement: string | null;
  appealed_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  last_position: string;
}

const isoOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());

async function load(tx: pg.ClientBase, reportIds: string[], actionIds: string[]) {
  const reports = reportIds.length === 0 ? { rows: [] as ReportTableRow[] } : await tx.query<ReportTableRow>(`SELECT * FROM moderation_reports WHERE report_id = ANY($1::uuid[])`, [reportIds]);
  const actions = actionIds.length === 0 ? { rows: [] as ActionTableRow[] } : await tx.query<ActionTableRow>(`SELECT * FROM moderation_actions WHERE action_id = ANY($1::uuid[])`, [actionIds]);
  return {
    reports: new Map<string, ReportRow>(
      reports.rows.map((r) => [
        r.report_id,
        {
          reportId: r.report_id,
          target: r.target,
          targetKey: r.target_key,
          reporterId: r.reporter_id,
          category: r.category,
          note: r.note,
          status: r.status,
          reportedAt: r.reported_at.toISOString(),
          reportedPosition: Number(r.reported_position),
          resolvedByAction: r.resolved_by_action,
          resolvedAt: isoOrNull(r.resolved_at),
        },
      ]),
    ),
    actions: new Map<string, ActionRow>(
      actions.rows.map((r) => [
        r.action_id,
        {
          actionId: r.action_id,
          target: r.target,
          targetKey: r.target_key,
          moderatorId: r.moderator_id,
          affectedMemberId: r.affected_member_id,
          kind: r.kind,
          rule: r.rule,
          reason: r.reason,
          until: isoOrNull(r.until),
          takenAt: r.taken_at.toISOString(),
          takenPosition: Number(r.taken_position),
          appealStatus: r.appeal_status,
          appealStatement: r.appeal_statement,
          appealedAt: isoOrNull(r.appealed_at),
          decidedBy: r.decided_by,
          decisionReason: r.decision_reason,
          decidedAt: isoOrNull(r.decided_at),
          lastPosition: Number(r.last_position),
        },
      ]),
    ),
  };
}

const json = (targets: ModerationTarget[]): string[] => targets.map((t) => JSON.stringify(t));

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const { reportIds, actionIds } = moderationKeysOf(batch);
  if (reportIds.length === 0 && actionIds.length === 0) return;
  const { reports, actions, visibility, log } = foldModeration(await load(tx, reportIds, actionIds), batch);
  // Run one after another: a client runs one query at a time, and pg warns when given several at once.
  const writes: (() => Promise<unknown>)[] = [];
  if (reports.length > 0) {
    writes.push(() =>
      tx.query(
        `INSERT INTO moderation_reports AS r
           (report_id, target, target_key, reporter_id, category, note, status, reported_at, reported_position, resolved_by_action, resolved_at)
         SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::bigint[],
                              $10::uuid[], $11::timestamptz[])
         ON CONFLICT (report_id) DO UPDATE SET status = EXCLUDED.status, resolved_by_action = EXCLUDED.resolved_by_action, resolved_at = EXCLUDED.resolved_at
         WHERE r.status = 'open'`,
        [
          reports.map((r) => r.reportId),
          json(reports.map((r) => r.target)),
          reports.map((r) => r.targetKey),
          reports.map((r) => r.reporterId),
          reports.map((r) => r.category),
          reports.map((r) => r.note),
          reports.map((r) => r.status),
          reports.map((r) => r.reportedAt),
          reports.map((r) => r.reportedPosition),
          reports.map((r) => r.resolvedByAction),
          reports.map((r) => r.resolvedAt),
        ],
      ),
    );
  }
  if (actions.length > 0) {
    writes.push(() =>
      tx.query(
        `INSERT INTO moderation_actions AS a
           (action_id, target, target_key, moderator_id, affected_member_id, kind, rule, reason, until, taken_at, taken_position,
            appeal_status, appeal_statement, appealed_at, decided_by, decision_reason, decided_at, last_position)
         SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                              $10::timestamptz[], $11::bigint[], $12::text[], $13::text[], $14::timestamptz[], $15::uuid[], $16::text[],
                              $17::timestamptz[], $18::bigint[])
         ON CONFLICT (action_id) DO UPDATE SET
           appeal_status = EXCLUDED.appeal_status, appeal_statement = EXCLUDED.appeal_statement, appealed_at = EXCLUDED.appealed_at,
           decided_by = EXCLUDED.decided_by, decision_reason = EXCLUDED.decision_reason, decided_at = EXCLUDED.decided_at,
           last_position = EXCLUDED.last_position
         WHERE a.last_position < EXCLUDED.last_position`,
        [
          actions.map((a) => a.actionId),
          json(actions.map((a) => a.target)),
          actions.map((a) => a.targetKey),
          actions.map((a) => a.moderatorId),
          actions.map((a) => a.affectedMemberId),
          actions.map((a) => a.kind),
          actions.map((a) => a.rule),
          actions.map((a) => a.reason),
          actions.map((a) => a.until),
          actions.map((a) => a.takenAt),
          actions.map((a) => a.takenPosition),
          actions.map((a) => a.appealStatus),
          actions.map((a) => a.appealStatement),
          actions.map((a) => a.appealedAt),
          actions.map((a) => a.decidedBy),
          actions.map((a) => a.decisionReason),
          actions.map((a) => a.decidedAt),
          actions.map((a) => a.lastPosition),
        ],
      ),
    );
  }
  if (visibility.length > 0) {
    const ids = (pick: (t: ModerationTarget) => string | null) => visibility.map((v) => pick(v.target));
    writes.push(() =>
      tx.query(
        `INSERT INTO moderation_visibility AS v (target_key, target_kind, proposal_id, comment_id, member_id, visibility, updated_position)
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[])
         ON CONFLICT (target_key) DO UPDATE SET visibility = EXCLUDED.visibility, updated_position = EXCLUDED.updated_position
         WHERE v.updated_position < EXCLUDED.updated_position`,
        [
          visibility.map((v) => v.targetKey),
          visibility.map((v) => v.target.kind),
          ids((t) => (t.kind === 'member' ? null : t.proposalId)),
          ids((t) => (t.kind === 'comment' ? t.commentId : null)),
          ids((t) => (t.kind === 'member' ? t.memberId : null)),
          visibility.map((v) => v.visibility),
          visibility.map((v) => v.updatedPosition),
        ],
      ),
    );
  }
  if (log.length > 0) {
    writes.push(() =>
      tx.query(
        `INSERT INTO moderation_log (position, entry, action_id, target, target_key, actor_id, kind, rule, text, until, occurred_at)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::jsonb[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[],
                              $10::timestamptz[], $11::timestamptz[])
         ON CONFLICT (position) DO NOTHING`,
        [
          log.map((l) => l.position),
          log.map((l) => l.entry),
          log.map((l) => l.actionId),
          json(log.map((l) => l.target)),
          log.map((l) => l.targetKey),
          log.map((l) => l.actorId),
          log.map((l) => l.kind),
          log.map((l) => l.rule),
          log.map((l) => l.text),
          log.map((l) => l.until),
          log.map((l) => l.occurredAt),
        ],
      ),
    );
  }
  // One client runs one query at a time: these queue in order, without a round trip between them.
  for (const write of writes) await write();
}

/**
 * Reports (the moderators' queue), actions with their appeals, the public log, and content
 * visibility (the analyst views over them are in src/read-models/analytics).
 */
export const moderationProjection: Projection = {
  name: 'moderation',
  version: 1,
  handles: MODERATION_EVENT_TYPES,
  tables: ['moderation_reports', 'moderation_actions', 'moderation_log', 'moderation_visibility'],
  schema,
  apply,
};
