import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { ROLES } from '../members/member-events.js';
import { MOTION_KINDS, NO_CONFIDENCE_MIN_THRESHOLD_BPS, VOTE_CHOICES, type ProposalEvent, type ProposalResult } from './proposal-events.js';

/** Limits in characters (Unicode code points), the unit a person counts in. */
export const TITLE_MAX_CHARS = 200;
export const BODY_MAX_CHARS = 20_000;
export const BPS_SCALE = 10_000;
export const REASON_MAX_CHARS = 1_000;
export const PROPOSAL_RESULTS: readonly ProposalResult[] = ['passed', 'rejected', 'no-quorum', 'lapsed'];
/** A topic: a short lowercase slug, e.g. `budget` or `public-space`. */
export const TOPIC_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TOPIC_MAX_CHARS = 40;

/** Version 1 drafts and revisions had no motion and no topic: they were general proposals. */
const withGeneralMotion = (data: unknown): unknown => ({ ...(data as object), motion: { kind: 'general' }, topic: null });

/** The form `Date.prototype.toISOString` writes, the only one deciders emit. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const PROPOSAL_SCHEMAS = {
  'governance.ProposalDrafted': {
    schemaVersion: 2,
    validate: (data) =>
      check(data, ['proposalId', 'authorId', 'title', 'body', 'rules', 'motion', 'topic'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'authorId', d.authorId);
        problems.push(...titleAndBody(d.title, d.body));
        problems.push(...rules(d.rules));
        problems.push(...motionAndTopic(d.motion, d.topic, d.rules));
      }),
    upcasters: { 1: withGeneralMotion },
  },
  'governance.ProposalRevised': {
    schemaVersion: 2,
    validate: (data) =>
      check(data, ['proposalId', 'revisedBy', 'title', 'body', 'rules', 'motion', 'topic'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'revisedBy', d.revisedBy);
        problems.push(...titleAndBody(d.title, d.body));
        problems.push(...rules(d.rules));
        problems.push(...motionAndTopic(d.motion, d.topic, d.rules));
      }),
    upcasters: { 1: withGeneralMotion },
  },
  'governance.ProposalSubmitted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'submittedBy'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'submittedBy', d.submittedBy);
      }),
  },
  'governance.ProposalWithdrawn': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'withdrawnBy'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'withdrawnBy', d.withdrawnBy);
      }),
  },
  'governance.ProposalCancelled': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'cancelledBy', 'reason'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'cancelledBy', d.cancelledBy);
        if (typeof d.reason !== 'string' || d.reason !== d.reason.trim() || !charsBetween(d.reason, 1, REASON_MAX_CHARS)) {
          problems.push(`reason: must be 1-${REASON_MAX_CHARS} characters without surrounding whitespace`);
        }
      }),
  },
  'governance.ProposalOpened': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'openedBy', 'closesAt', 'rules', 'electorate'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'openedBy', d.openedBy);
        if (typeof d.closesAt !== 'string' || !ISO_INSTANT.test(d.closesAt) || Number.isNaN(Date.parse(d.closesAt))) {
          problems.push('closesAt: must be an ISO 8601 instant in UTC with milliseconds');
        }
        problems.push(...rules(d.rules));
        problems.push(
          ...check(
            d.electorate,
            ['asOfPosition', 'size'],
            (e, ps) => {
              integer(ps, 'electorate.asOfPosition', e.asOfPosition, 0, Number.MAX_SAFE_INTEGER);
              integer(ps, 'electorate.size', e.size, 0, Number.MAX_SAFE_INTEGER);
            },
            'electorate',
          ),
        );
      }),
  },
  'governance.VoteCast': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'voterId', 'choice', 'previousChoice'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'voterId', d.voterId);
        if (!isChoice(d.choice)) problems.push(`choice: must be one of ${VOTE_CHOICES.join(', ')}`);
        if (d.previousChoice !== null && !isChoice(d.previousChoice)) problems.push(`previousChoice: must be null or one of ${VOTE_CHOICES.join(', ')}`);
      }),
  },
  'governance.ProposalClosed': {
    schemaVersion: 2,
    validate: (data) =>
      check(data, ['proposalId', 'result', 'tally', 'direct', 'delegated', 'electorateSize', 'delegationsAsOfPosition'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        if (!(PROPOSAL_RESULTS as readonly unknown[]).includes(d.result)) problems.push(`result: must be one of ${PROPOSAL_RESULTS.join(', ')}`);
        for (const field of ['tally', 'direct', 'delegated'] as const) problems.push(...tally(d[field], field));
        if (problems.length === 0) {
          const [sum, direct, delegated] = [d.tally, d.direct, d.delegated] as Record<string, number>[];
          if (VOTE_CHOICES.some((c) => sum![c] !== direct![c]! + delegated![c]!)) problems.push('tally: must be direct + delegated');
        }
        integer(problems, 'electorateSize', d.electorateSize, 0, Number.MAX_SAFE_INTEGER);
        if (d.delegationsAsOfPosition !== null) integer(problems, 'delegationsAsOfPosition', d.delegationsAsOfPosition, 0, Number.MAX_SAFE_INTEGER);
      }),
    // Version 1 closed before delegation existed: every vote was direct.
    upcasters: {
      1: (data) => {
        const d = data as { tally: object };
        return { ...d, direct: { ...d.tally }, delegated: { yes: 0, no: 0, abstain: 0 }, delegationsAsOfPosition: null };
      },
    },
  },
} satisfies { [T in ProposalEvent['type']]: EventSchema };

function titleAndBody(title: unknown, body: unknown): string[] {
  const problems: string[] = [];
  if (typeof title !== 'string' || title !== title.trim() || !charsBetween(title, 1, TITLE_MAX_CHARS)) {
    problems.push(`title: must be 1-${TITLE_MAX_CHARS} characters without surrounding whitespace`);
  }
  if (typeof body !== 'string' || !charsBetween(body, 0, BODY_MAX_CHARS)) problems.push(`body: must be at most ${BODY_MAX_CHARS} characters`);
  return problems;
}

function rules(value: unknown): string[] {
  return check(
    value,
    ['method', 'quorumBps', 'thresholdBps', 'allowVoteChange'],
    (r, problems) => {
      if (r.method !== 'yes-no-abstain') problems.push('rules.method: must be yes-no-abstain');
      integer(problems, 'rules.quorumBps', r.quorumBps, 0, BPS_SCALE);
      integer(problems, 'rules.thresholdBps', r.thresholdBps, 0, BPS_SCALE - 1);
      if (typeof r.allowVoteChange !== 'boolean') problems.push('rules.allowVoteChange: must be a boolean');
    },
    'rules',
  );
}

function tally(value: unknown, path: string): string[] {
  return check(
    value,
    VOTE_CHOICES,
    (t, ps) => {
      for (const choice of VOTE_CHOICES) integer(ps, `${path}.${choice}`, t[choice], 0, Number.MAX_SAFE_INTEGER);
    },
    path,
  );
}

export function isTopic(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TOPIC_MAX_CHARS && TOPIC_PATTERN.test(value);
}

function motionAndTopic(motion: unknown, topic: unknown, ruleSet: unknown): string[] {
  const problems: string[] = [];
  if (topic !== null && !isTopic(topic)) problems.push(`topic: must be null or a slug of at most ${TOPIC_MAX_CHARS} characters matching ${TOPIC_PATTERN.source}`);
  const kind = (motion as { kind?: unknown } | null)?.kind;
  if (typeof motion !== 'object' || motion === null || !(MOTION_KINDS as readonly unknown[]).includes(kind)) {
    problems.push(`motion.kind: must be one of ${MOTION_KINDS.join(', ')}`);
    return problems;
  }
  if (kind === 'general') {
    problems.push(...check(motion, ['kind'], () => {}, 'motion'));
    return problems;
  }
  problems.push(
    ...check(
      motion,
      ['kind', 'memberId', 'role'],
      (m, ps) => {
        id(ps, 'motion.memberId', m.memberId);
        if (!(ROLES as readonly unknown[]).includes(m.role)) ps.push(`motion.role: must be one of ${ROLES.join(', ')}`);
      },
      'motion',
    ),
  );
  const threshold = (ruleSet as { thresholdBps?: unknown } | null)?.thresholdBps;
  if (kind === 'no-confidence' && typeof threshold === 'number' && threshold < NO_CONFIDENCE_MIN_THRESHOLD_BPS) {
    problems.push(`rules.thresholdBps: a no-confidence motion needs at least ${NO_CONFIDENCE_MIN_THRESHOLD_BPS}`);
  }
  return problems;
}

function isChoice(value: unknown): boolean {
  return (VOTE_CHOICES as readonly unknown[]).includes(value);
}

export function charsBetween(text: string, min: number, max: number): boolean {
  const chars = [...text].length;
  return chars >= min && chars <= max;
}

function integer(problems: string[], field: string, value: unknown, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    problems.push(`${field}: must be an integer from ${min} to ${max}`);
  }
}
