import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { VOTE_CHOICES, type ProposalEvent, type ProposalResult } from './proposal-events.js';

/** Limits in characters (Unicode code points), the unit a person counts in. */
export const TITLE_MAX_CHARS = 200;
export const BODY_MAX_CHARS = 20_000;
export const BPS_SCALE = 10_000;
export const REASON_MAX_CHARS = 1_000;
export const PROPOSAL_RESULTS: readonly ProposalResult[] = ['passed', 'rejected', 'no-quorum'];

/** The form `Date.prototype.toISOString` writes, the only one deciders emit. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const PROPOSAL_SCHEMAS = {
  'governance.ProposalDrafted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'authorId', 'title', 'body', 'rules'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'authorId', d.authorId);
        problems.push(...titleAndBody(d.title, d.body));
        problems.push(...rules(d.rules));
      }),
  },
  'governance.ProposalRevised': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'revisedBy', 'title', 'body', 'rules'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'revisedBy', d.revisedBy);
        problems.push(...titleAndBody(d.title, d.body));
        problems.push(...rules(d.rules));
      }),
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
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['proposalId', 'result', 'tally', 'electorateSize'], (d, problems) => {
        id(problems, 'proposalId', d.proposalId);
        if (!(PROPOSAL_RESULTS as readonly unknown[]).includes(d.result)) problems.push(`result: must be one of ${PROPOSAL_RESULTS.join(', ')}`);
        problems.push(
          ...check(
            d.tally,
            VOTE_CHOICES,
            (t, ps) => {
              for (const choice of VOTE_CHOICES) integer(ps, `tally.${choice}`, t[choice], 0, Number.MAX_SAFE_INTEGER);
            },
            'tally',
          ),
        );
        integer(problems, 'electorateSize', d.electorateSize, 0, Number.MAX_SAFE_INTEGER);
      }),
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
