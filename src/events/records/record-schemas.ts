import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import { isCurrency } from './currencies.js';
import { RAILS, type RecordEvent } from './record-events.js';

export const PURPOSE_MAX_CHARS = 500;
export const REASON_MAX_CHARS = 2_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const charsBetween = (text: unknown, min: number, max: number): boolean => {
  if (typeof text !== 'string' || text.trim() === '') return false;
  const length = [...text].length;
  return length >= min && length <= max;
};

export const RECORD_SCHEMAS = {
  'records.TransactionRecorded': {
    schemaVersion: 1,
    validate: (data) =>
      check(
        data,
        ['transactionId', 'recordedBy', 'payerId', 'payeeId', 'amountMinor', 'currency', 'rail', 'purpose', 'contractId', 'referenceCommitment'],
        (d, problems) => {
          id(problems, 'transactionId', d.transactionId);
          id(problems, 'recordedBy', d.recordedBy);
          id(problems, 'payerId', d.payerId);
          id(problems, 'payeeId', d.payeeId);
          if (!Number.isSafeInteger(d.amountMinor) || (d.amountMinor as number) < 1) problems.push('amountMinor: must be a positive integer');
          if (!isCurrency(d.currency)) problems.push('currency: must be an ISO 4217 code');
          if (!(RAILS as readonly unknown[]).includes(d.rail)) problems.push(`rail: must be one of ${RAILS.join(', ')}`);
          if (!charsBetween(d.purpose, 1, PURPOSE_MAX_CHARS)) problems.push(`purpose: must be 1-${PURPOSE_MAX_CHARS} characters, not blank`);
          if (d.contractId !== null) id(problems, 'contractId', d.contractId);
          if (d.referenceCommitment !== null && !(typeof d.referenceCommitment === 'string' && SHA256_HEX.test(d.referenceCommitment))) {
            problems.push('referenceCommitment: must be a hex SHA-256 or null');
          }
        },
      ),
  },
  'records.TransactionConfirmed': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['transactionId', 'confirmedBy'], (d, problems) => {
        id(problems, 'transactionId', d.transactionId);
        id(problems, 'confirmedBy', d.confirmedBy);
      }),
  },
  'records.TransactionDisputed': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['transactionId', 'disputedBy', 'reason'], (d, problems) => {
        id(problems, 'transactionId', d.transactionId);
        id(problems, 'disputedBy', d.disputedBy);
        if (!charsBetween(d.reason, 1, REASON_MAX_CHARS)) problems.push(`reason: must be 1-${REASON_MAX_CHARS} characters, not blank`);
      }),
  },
} satisfies { [T in RecordEvent['type']]: EventSchema };
