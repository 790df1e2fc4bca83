import type { DomainEvent } from '../envelope.js';

export const CONTRACT_KINDS = ['investment', 'revenue-sharing', 'employment', 'rental', 'partnership'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const FIELD_TYPES = ['string', 'integer', 'money', 'date', 'member', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A blank of a template: filled when a contract is drafted, `{{name}}` in the body marks where it goes. */
export interface TemplateField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
}

export const SIGNING_ORDERS = ['parallel', 'sequential'] as const;
export type SigningOrder = (typeof SIGNING_ORDERS)[number];

export const VISIBILITIES = ['private', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface Party {
  memberId: string;
  role: string;
}

/** A steward published one version of a template; a version is never changed, a change is the next version. */
export type TemplateVersionPublished = DomainEvent<
  'contracts.TemplateVersionPublished',
  { templateId: string; version: number; kind: ContractKind; title: string; body: string; fields: TemplateField[]; publishedBy: string }
>;

export type TemplateEvent = TemplateVersionPublished;

/**
 * A member drafted a contract. The filled-in document stays off the log (private, or public if
 * the parties chose so); the log holds its SHA-256 (hex), which is what every party signs.
 */
export type ContractDrafted = DomainEvent<
  'contracts.ContractDrafted',
  {
    contractId: string;
    templateId: string;
    templateVersion: number;
    draftedBy: string;
    parties: Party[];
    signingOrder: SigningOrder;
    visibility: Visibility;
    documentSha256: string;
  }
>;
/** A party signed the document: `signature` is Ed25519 by key `keyId` over the document signing message (docs/adr). */
export type ContractSigned = DomainEvent<
  'contracts.ContractSigned',
  { contractId: string; signerId: string; documentSha256: string; keyId: string; signature: string }
>;
/** Every party has signed: the contract binds them. Derived, together with the last signature. */
export type ContractExecuted = DomainEvent<'contracts.ContractExecuted', { contractId: string; documentSha256: string }>;
/** A party agreed to end an executed contract. */
export type ContractTerminationSigned = DomainEvent<'contracts.ContractTerminationSigned', { contractId: string; signerId: string }>;
/** Every party agreed to end it. Derived, together with the last termination signature. */
export type ContractTerminated = DomainEvent<'contracts.ContractTerminated', { contractId: string }>;
/** A party contests an executed contract; arbitration opens a case on this event. */
export type ContractDisputed = DomainEvent<'contracts.ContractDisputed', { contractId: string; disputedBy: string; reason: string }>;

export type ContractEvent = ContractDrafted | ContractSigned | ContractExecuted | ContractTerminationSigned | ContractTerminated | ContractDisputed;

export const templateStream = (templateId: string): string => `contract-template-${templateId}`;
export const contractStream = (contractId: string): string => `contract-${contractId}`;
