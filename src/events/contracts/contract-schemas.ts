import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { charsBetween, REASON_MAX_CHARS } from '../records/record-schemas.js';
import {
  CONTRACT_KINDS,
  FIELD_TYPES,
  SIGNING_ORDERS,
  VISIBILITIES,
  type ContractEvent,
  type TemplateEvent,
} from './contract-events.js';

/** 6,000 code points are at most 24 KiB of UTF-8: with its fields the event stays under 32 KiB. */
export const TEMPLATE_BODY_MAX_CHARS = 6_000;
export const TEMPLATE_TITLE_MAX_CHARS = 200;
export const TEMPLATE_MAX_FIELDS = 40;
export const FIELD_NAME = /^[a-z][A-Za-z0-9_]{0,47}$/;
export const FIELD_LABEL_MAX_CHARS = 200;
export const ROLE_MAX_CHARS = 100;
export const MIN_PARTIES = 2;
export const MAX_PARTIES = 20;
export const SHA256_HEX = /^[0-9a-f]{64}$/;
const BASE64URL_SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

const oneOf = (values: readonly string[], value: unknown): boolean => typeof value === 'string' && values.includes(value);
const positiveInt = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 1;

/** Problems with a template's fields: names unique and usable as placeholders, known types. */
export function templateFieldProblems(fields: unknown, path = 'fields'): string[] {
  if (!Array.isArray(fields) || fields.length > TEMPLATE_MAX_FIELDS) return [`${path}: must be an array of at most ${TEMPLATE_MAX_FIELDS} fields`];
  const problems: string[] = [];
  const names = new Set<string>();
  fields.forEach((field, i) => {
    problems.push(
      ...check(
        field,
        ['name', 'label', 'type', 'required'],
        (f, p) => {
          if (typeof f.name !== 'string' || !FIELD_NAME.test(f.name)) p.push(`${path}[${i}].name: must match ${FIELD_NAME.source}`);
          else if (names.has(f.name)) p.push(`${path}[${i}].name: ${f.name} is used twice`);
          else names.add(f.name);
          if (!charsBetween(f.label, 1, FIELD_LABEL_MAX_CHARS)) p.push(`${path}[${i}].label: must be 1-${FIELD_LABEL_MAX_CHARS} characters`);
          if (!oneOf(FIELD_TYPES, f.type)) p.push(`${path}[${i}].type: must be one of ${FIELD_TYPES.join(', ')}`);
          if (typeof f.required !== 'boolean') p.push(`${path}[${i}].required: must be a boolean`);
        },
        `${path}[${i}]`,
      ),
    );
  });
  return problems;
}

export const TEMPLATE_SCHEMAS = {
  'contracts.TemplateVersionPublished': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['templateId', 'version', 'kind', 'title', 'body', 'fields', 'publishedBy'], (d, problems) => {
        id(problems, 'templateId', d.templateId);
        if (!positiveInt(d.version)) problems.push('version: must be a positive integer');
        if (!oneOf(CONTRACT_KINDS, d.kind)) problems.push(`kind: must be one of ${CONTRACT_KINDS.join(', ')}`);
        if (!charsBetween(d.title, 1, TEMPLATE_TITLE_MAX_CHARS)) problems.push(`title: must be 1-${TEMPLATE_TITLE_MAX_CHARS} characters`);
        if (!charsBetween(d.body, 1, TEMPLATE_BODY_MAX_CHARS)) problems.push(`body: must be 1-${TEMPLATE_BODY_MAX_CHARS} characters`);
        problems.push(...templateFieldProblems(d.fields));
        id(problems, 'publishedBy', d.publishedBy);
      }),
  },
} satisfies { [T in TemplateEvent['type']]: EventSchema };

function partiesProblems(parties: unknown): string[] {
  if (!Array.isArray(parties) || parties.length < MIN_PARTIES || parties.length > MAX_PARTIES) {
    return [`parties: must list ${MIN_PARTIES}-${MAX_PARTIES} parties`];
  }
  const seen = new Set<unknown>();
  return parties.flatMap((party, i) =>
    check(
      party,
      ['memberId', 'role'],
      (p, problems) => {
        id(problems, `parties[${i}].memberId`, p.memberId);
        if (seen.has(p.memberId)) problems.push(`parties[${i}].memberId: listed twice`);
        seen.add(p.memberId);
        if (!charsBetween(p.role, 1, ROLE_MAX_CHARS)) problems.push(`parties[${i}].role: must be 1-${ROLE_MAX_CHARS} characters`);
      },
      `parties[${i}]`,
    ),
  );
}

const sha = (problems: string[], field: string, value: unknown): void => {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) problems.push(`${field}: must be a lowercase hex SHA-256`);
};

export const CONTRACT_SCHEMAS = {
  'contracts.ContractDrafted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['contractId', 'templateId', 'templateVersion', 'draftedBy', 'parties', 'signingOrder', 'visibility', 'documentSha256'], (d, problems) => {
        id(problems, 'contractId', d.contractId);
        id(problems, 'templateId', d.templateId);
        if (!positiveInt(d.templateVersion)) problems.push('templateVersion: must be a positive integer');
        id(problems, 'draftedBy', d.draftedBy);
        problems.push(...partiesProblems(d.parties));
        if (!oneOf(SIGNING_ORDERS, d.signingOrder)) problems.push(`signingOrder: must be one of ${SIGNING_ORDERS.join(', ')}`);
        if (!oneOf(VISIBILITIES, d.visibility)) problems.push(`visibility: must be one of ${VISIBILITIES.join(', ')}`);
        sha(problems, 'documentSha256', d.documentSha256);
      }),
  },
  'contracts.ContractSigned': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['contractId', 'signerId', 'documentSha256', 'keyId', 'signature'], (d, problems) => {
        id(problems, 'contractId', d.contractId);
        id(problems, 'signerId', d.signerId);
        sha(problems, 'documentSha256', d.documentSha256);
        id(problems, 'keyId', d.keyId);
        if (typeof d.signature !== 'string' || !BASE64URL_SIGNATURE.test(d.signature)) problems.push('signature: must be a base64url Ed25519 signature');
      }),
  },
  'contracts.ContractExecuted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['contractId', 'documentSha256'], (d, problems) => {
        id(problems, 'contractId', d.contractId);
        sha(problems, 'documentSha256', d.documentSha256);
      }),
  },
  'contracts.ContractTerminationSigned': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['contractId', 'signerId'], (d, problems) => {
        id(problems, 'contractId', d.contractId);
        id(problems, 'signerId', d.signerId);
      }),
  },
  'contracts.ContractTerminated': {
    schemaVersion: 1,
    validate: (data) => check(data, ['contractId'], (d, problems) => id(problems, 'contractId', d.contractId)),
  },
  'contracts.ContractDisputed': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['contractId', 'disputedBy', 'reason'], (d, problems) => {
        id(problems, 'contractId', d.contractId);
        id(problems, 'disputedBy', d.disputedBy);
        if (!charsBetween(d.reason, 1, REASON_MAX_CHARS)) problems.push(`reason: must be 1-${REASON_MAX_CHARS} characters, not blank`);
      }),
  },
} satisfies { [T in ContractEvent['type']]: EventSchema };
