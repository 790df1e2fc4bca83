import { ELECTION_METHODS } from '../../governance/counting/index.js';
import { ROLES } from '../members/member-events.js';
import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import type { ElectionEvent } from './election-events.js';
import { charsBetween, TITLE_MAX_CHARS } from './proposal-schemas.js';

/** At most this many candidates stand in one election, so that the closing count stays well under 32 KiB. */
export const MAX_CANDIDATES = 16;
export const MAX_SEATS = 10;
export const STATEMENT_MAX_CHARS = 2_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Whole votes, or STV's fixed-point votes with five decimals. */
const VOTES = /^(0|[1-9]\d*)(\.\d{5})?$/;

export const ELECTION_SCHEMAS = {
  'governance.ElectionCalled': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['electionId', 'calledBy', 'title', 'role', 'seats', 'method', 'nominationsCloseAt', 'closesAt', 'electorate'], (d, problems) => {
        id(problems, 'electionId', d.electionId);
        id(problems, 'calledBy', d.calledBy);
        if (typeof d.title !== 'string' || d.title !== d.title.trim() || !charsBetween(d.title, 1, TITLE_MAX_CHARS)) {
          problems.push(`title: must be 1-${TITLE_MAX_CHARS} characters without surrounding whitespace`);
        }
        if (d.role !== null && !(ROLES as readonly unknown[]).includes(d.role)) problems.push(`role: must be null or one of ${ROLES.join(', ')}`);
        integer(problems, 'seats', d.seats, 1, MAX_SEATS);
        method(problems, d.method);
        if (d.method === 'irv' && d.seats !== 1) problems.push('seats: instant runoff fills exactly one seat');
        instant(problems, 'nominationsCloseAt', d.nominationsCloseAt);
        instant(problems, 'closesAt', d.closesAt);
        if (typeof d.nominationsCloseAt === 'string' && typeof d.closesAt === 'string' && !(d.nominationsCloseAt < d.closesAt)) {
          problems.push('closesAt: must be after nominationsCloseAt');
        }
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
  'governance.CandidacyDeclared': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['electionId', 'candidateId', 'statement'], (d, problems) => {
        id(problems, 'electionId', d.electionId);
        id(problems, 'candidateId', d.candidateId);
        if (typeof d.statement !== 'string' || !charsBetween(d.statement, 0, STATEMENT_MAX_CHARS)) {
          problems.push(`statement: must be at most ${STATEMENT_MAX_CHARS} characters`);
        }
      }),
  },
  'governance.CandidacyWithdrawn': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['electionId', 'candidateId'], (d, problems) => {
        id(problems, 'electionId', d.electionId);
        id(problems, 'candidateId', d.candidateId);
      }),
  },
  'governance.BallotCast': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['electionId', 'voterId', 'choices', 'replacesEarlier'], (d, problems) => {
        id(problems, 'electionId', d.electionId);
        id(problems, 'voterId', d.voterId);
        ids(problems, 'choices', d.choices, 1);
        if (typeof d.replacesEarlier !== 'boolean') problems.push('replacesEarlier: must be a boolean');
      }),
  },
  'governance.ElectionClosed': {
    schemaVersion: 1,
    validate: (data) =>
      check(
        data,
        ['electionId', 'role', 'seats', 'method', 'candidates', 'winners', 'rounds', 'ballotsCounted', 'electorateSize', 'quota'],
        (d, problems) => {
          id(problems, 'electionId', d.electionId);
          if (d.role !== null && !(ROLES as readonly unknown[]).includes(d.role)) problems.push(`role: must be null or one of ${ROLES.join(', ')}`);
          integer(problems, 'seats', d.seats, 1, MAX_SEATS);
          method(problems, d.method);
          ids(problems, 'candidates', d.candidates, 0);
          ids(problems, 'winners', d.winners, 0);
          if (Array.isArray(d.winners) && typeof d.seats === 'number' && d.winners.length > d.seats) problems.push('winners: more than seats');
          if (!Array.isArray(d.rounds)) problems.push('rounds: must be an array');
          else d.rounds.forEach((r, i) => problems.push(...round(r, i)));
          integer(problems, 'ballotsCounted', d.ballotsCounted, 0, Number.MAX_SAFE_INTEGER);
          integer(problems, 'electorateSize', d.electorateSize, 0, Number.MAX_SAFE_INTEGER);
          if (d.quota !== null && !(typeof d.quota === 'string' && VOTES.test(d.quota))) problems.push('quota: must be null or a decimal vote count');
        },
      ),
  },
} satisfies { [T in ElectionEvent['type']]: EventSchema };

function round(value: unknown, i: number): string[] {
  const path = `rounds[${i}]`;
  return check(
    value,
    ['round', 'counts', 'exhausted', 'elected', 'eliminated', 'transfers', 'tieBreaks'],
    (r, problems) => {
      if (r.round !== i + 1) problems.push(`${path}.round: must be ${i + 1}`);
      votesRecord(problems, `${path}.counts`, r.counts);
      votes(problems, `${path}.exhausted`, r.exhausted);
      ids(problems, `${path}.elected`, r.elected, 0);
      ids(problems, `${path}.eliminated`, r.eliminated, 0);
      if (!Array.isArray(r.transfers)) problems.push(`${path}.transfers: must be an array`);
      else
        r.transfers.forEach((t, j) =>
          problems.push(
            ...check(
              t,
              ['from', 'kind', 'transferValue', 'to', 'exhausted'],
              (tr, ps) => {
                id(ps, `${path}.transfers[${j}].from`, tr.from);
                if (tr.kind !== 'surplus' && tr.kind !== 'elimination') ps.push(`${path}.transfers[${j}].kind: must be surplus or elimination`);
                votes(ps, `${path}.transfers[${j}].transferValue`, tr.transferValue);
                votesRecord(ps, `${path}.transfers[${j}].to`, tr.to);
                votes(ps, `${path}.transfers[${j}].exhausted`, tr.exhausted);
              },
              `${path}.transfers[${j}]`,
            ),
          ),
        );
      if (!Array.isArray(r.tieBreaks)) problems.push(`${path}.tieBreaks: must be an array`);
      else
        r.tieBreaks.forEach((t, j) =>
          problems.push(
            ...check(
              t,
              ['among', 'chosen', 'rule'],
              (tb, ps) => {
                ids(ps, `${path}.tieBreaks[${j}].among`, tb.among, 2);
                id(ps, `${path}.tieBreaks[${j}].chosen`, tb.chosen);
                if (tb.rule !== 'earlier-rounds' && tb.rule !== 'lot') ps.push(`${path}.tieBreaks[${j}].rule: must be earlier-rounds or lot`);
              },
              `${path}.tieBreaks[${j}]`,
            ),
          ),
        );
    },
    path,
  );
}

function method(problems: string[], value: unknown): void {
  if (!(ELECTION_METHODS as readonly unknown[]).includes(value)) problems.push(`method: must be one of ${ELECTION_METHODS.join(', ')}`);
}

function ids(problems: string[], field: string, value: unknown, min: number): void {
  if (!Array.isArray(value) || value.length < min || value.length > MAX_CANDIDATES) {
    problems.push(`${field}: must be an array of ${min}-${MAX_CANDIDATES} ids`);
    return;
  }
  value.forEach((v, i) => id(problems, `${field}[${i}]`, v));
  if (new Set(value).size !== value.length) problems.push(`${field}: must not repeat an id`);
}

function votes(problems: string[], field: string, value: unknown): void {
  if (typeof value !== 'string' || !VOTES.test(value)) problems.push(`${field}: must be a decimal vote count`);
}

function votesRecord(problems: string[], field: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${field}: must be an object`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    id(problems, `${field} key`, k);
    votes(problems, `${field}.${k}`, v);
  }
}

function instant(problems: string[], field: string, value: unknown): void {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push(`${field}: must be an ISO 8601 instant in UTC with milliseconds`);
  }
}

function integer(problems: string[], field: string, value: unknown, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    problems.push(`${field}: must be an integer from ${min} to ${max}`);
  }
}
