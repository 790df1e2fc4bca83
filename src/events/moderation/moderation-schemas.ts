import { charsBetween } from '../governance/proposal-schemas.js';
import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { ACTION_KINDS, APPEAL_OUTCOMES, REPORT_CATEGORIES, TARGET_KINDS, VISIBILITIES, type ModerationEvent } from './moderation-events.js';

/** In characters (code points): small enough that every event stays far below 32 KiB. */
export const NOTE_MAX_CHARS = 2_000;
export const REASON_MAX_CHARS = 1_000;
export const RULE_MAX_CHARS = 200;
export const STATEMENT_MAX_CHARS = 4_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function text(problems: string[], field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value !== value.trim() || !charsBetween(value, 1, max)) {
    problems.push(`${field}: must be 1-${max} characters without surrounding whitespace`);
  }
}

function oneOf(problems: string[], field: string, value: unknown, allowed: readonly unknown[], nullable = false): void {
  if (nullable && value === null) return;
  if (!allowed.includes(value)) problems.push(`${field}: must be one of ${allowed.join(', ')}${nullable ? ' or null' : ''}`);
}

export function targetProblems(target: unknown): string[] {
  if (typeof target !== 'object' || target === null) return ['target: must be an object'];
  const kind = (target as { kind?: unknown }).kind;
  switch (kind) {
    case 'proposal':
      return check(target, ['kind', 'proposalId'], (d, p) => id(p, 'target.proposalId', d.proposalId), 'target');
    case 'comment':
      return check(
        target,
        ['kind', 'proposalId', 'commentId'],
        (d, p) => {
          id(p, 'target.proposalId', d.proposalId);
          id(p, 'target.commentId', d.commentId);
        },
        'target',
      );
    case 'member':
      return check(target, ['kind', 'memberId'], (d, p) => id(p, 'target.memberId', d.memberId), 'target');
    default:
      return [`target.kind: must be one of ${TARGET_KINDS.join(', ')}`];
  }
}

export const MODERATION_SCHEMAS = {
  'moderation.ContentReported': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['reportId', 'target', 'reporterId', 'category', 'note'], (d, problems) => {
        id(problems, 'reportId', d.reportId);
        problems.push(...targetProblems(d.target));
        id(problems, 'reporterId', d.reporterId);
        oneOf(problems, 'category', d.category, REPORT_CATEGORIES);
        text(problems, 'note', d.note, NOTE_MAX_CHARS);
      }),
  },
  'moderation.ActionTaken': {
    schemaVersion: 1,
    validate: (data) =>
      check(
        data,
        ['actionId', 'target', 'moderatorId', 'affectedMemberId', 'kind', 'rule', 'reason', 'until', 'visibilityAfter', 'resolvedReports'],
        (d, problems) => {
          id(problems, 'actionId', d.actionId);
          problems.push(...targetProblems(d.target));
          id(problems, 'moderatorId', d.moderatorId);
          id(problems, 'affectedMemberId', d.affectedMemberId);
          oneOf(problems, 'kind', d.kind, ACTION_KINDS);
          text(problems, 'rule', d.rule, RULE_MAX_CHARS);
          text(problems, 'reason', d.reason, REASON_MAX_CHARS);
          if (d.kind === 'suspend' ? typeof d.until !== 'string' || !ISO_INSTANT.test(d.until) : d.until !== null) {
            problems.push('until: an ISO 8601 instant for a suspension, null otherwise');
          }
          oneOf(problems, 'visibilityAfter', d.visibilityAfter, VISIBILITIES, true);
          if (!Array.isArray(d.resolvedReports)) problems.push('resolvedReports: must be an array of report ids');
          else d.resolvedReports.forEach((r, i) => id(problems, `resolvedReports[${i}]`, r));
        },
      ),
  },
  'moderation.ActionAppealed': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['actionId', 'target', 'appellantId', 'statement'], (d, problems) => {
        id(problems, 'actionId', d.actionId);
        problems.push(...targetProblems(d.target));
        id(problems, 'appellantId', d.appellantId);
        text(problems, 'statement', d.statement, STATEMENT_MAX_CHARS);
      }),
  },
  'moderation.AppealDecided': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['actionId', 'target', 'decidedBy', 'outcome', 'reason', 'visibilityAfter', 'suspensionLifted'], (d, problems) => {
        id(problems, 'actionId', d.actionId);
        problems.push(...targetProblems(d.target));
        id(problems, 'decidedBy', d.decidedBy);
        oneOf(problems, 'outcome', d.outcome, APPEAL_OUTCOMES);
        text(problems, 'reason', d.reason, REASON_MAX_CHARS);
        oneOf(problems, 'visibilityAfter', d.visibilityAfter, VISIBILITIES, true);
        if (typeof d.suspensionLifted !== 'boolean') problems.push('suspensionLifted: must be a boolean');
      }),
  },
} satisfies { [T in ModerationEvent['type']]: EventSchema };
