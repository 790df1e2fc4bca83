import type { DomainEvent } from '../envelope.js';

/** How the money moved, outside the platform: the platform records payments, it never makes them. */
export const RAILS = ['upi', 'sepa', 'ach', 'bank-transfer', 'cash', 'other'] as const;
export type Rail = (typeof RAILS)[number];

/**
 * A member recorded a payment between themselves and another member. The external payment
 * reference stays private; the log holds a salted SHA-256 commitment to it (hex), or null.
 */
export type TransactionRecorded = DomainEvent<
  'records.TransactionRecorded',
  {
    transactionId: string;
    recordedBy: string;
    payerId: string;
    payeeId: string;
    /** Integer minor units (cents, paise), always positive. */
    amountMinor: number;
    currency: string;
    rail: Rail;
    purpose: string;
    /** The executed contract this payment settles, if any. */
    contractId: string | null;
    referenceCommitment: string | null;
  }
>;
/** The counterparty agreed that the payment happened as recorded. */
export type TransactionConfirmed = DomainEvent<'records.TransactionConfirmed', { transactionId: string; confirmedBy: string }>;
/** The counterparty contests the record; arbitration opens a case on this event. */
export type TransactionDisputed = DomainEvent<'records.TransactionDisputed', { transactionId: string; disputedBy: string; reason: string }>;

export type RecordEvent = TransactionRecorded | TransactionConfirmed | TransactionDisputed;

export const transactionStream = (transactionId: string): string => `transaction-${transactionId}`;
