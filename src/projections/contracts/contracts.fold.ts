import type { EventEnvelope } from '../../events/envelope.js';
import type { ContractEvent, ContractKind, SigningOrder, TemplateEvent, TemplateField, Visibility } from '../../events/contracts/contract-events.js';

export type ContractRowStatus = 'awaiting-signatures' | 'executed' | 'terminated' | 'disputed';

/** A party as the read model shows it: when they signed the document (and with which key), and whether they agreed to end it. */
export interface PartyRow {
  memberId: string;
  role: string;
  signature: { keyId: string; signature: string; signedAt: string; position: number } | null;
  terminationSignedAt: string | null;
}

/** One row of read_models.contracts. */
export interface ContractRow {
  contractId: string;
  templateId: string;
  templateVersion: number;
  draftedBy: string;
  parties: PartyRow[];
  signingOrder: SigningOrder;
  visibility: Visibility;
  documentSha256: string;
  status: ContractRowStatus;
  draftedAt: string;
  draftedPosition: number;
  executedAt: string | null;
  terminatedAt: string | null;
  disputedBy: string | null;
  disputeReason: string | null;
  disputedAt: string | null;
  lastPosition: number;
}

/** One row of read_models.contract_templates: a published version, never updated. */
export interface TemplateRow {
  templateId: string;
  version: number;
  kind: ContractKind;
  title: string;
  body: string;
  fields: TemplateField[];
  publishedBy: string;
  publishedAt: string;
  position: number;
}

export const CONTRACT_EVENT_TYPES = [
  'contracts.TemplateVersionPublished',
  'contracts.ContractDrafted',
  'contracts.ContractSigned',
  'contracts.ContractExecuted',
  'contracts.ContractTerminationSigned',
  'contracts.ContractTerminated',
  'contracts.ContractDisputed',
] as const satisfies readonly (ContractEvent | TemplateEvent)['type'][];

type Envelope<E extends ContractEvent | TemplateEvent> = E extends unknown ? EventEnvelope<E['type'], E['data']> : never;
type ContractEnvelope = Envelope<ContractEvent>;
type TemplateEnvelope = Envelope<TemplateEvent>;

const isTemplateEvent = (e: EventEnvelope): e is TemplateEnvelope => e.type === 'contracts.TemplateVersionPublished';
const contractTypes: ReadonlySet<string> = new Set(CONTRACT_EVENT_TYPES.filter((t) => t !== 'contracts.TemplateVersionPublished'));
const isContractEvent = (e: EventEnvelope): e is ContractEnvelope => contractTypes.has(e.type);

/** The contract ids a batch touches: the rows to load before folding. */
export function contractIdsOf(batch: readonly EventEnvelope[]): string[] {
  return [...new Set(batch.filter(isContractEvent).map((e) => e.data.contractId))];
}

const iso = (instant: string): string => new Date(instant).toISOString();

/** Template versions published in the batch; a version is written once (the table ignores a repeat). */
export function templateRowsOf(batch: readonly EventEnvelope[]): TemplateRow[] {
  return batch.filter(isTemplateEvent).map((e) => ({
    templateId: e.data.templateId,
    version: e.data.version,
    kind: e.data.kind,
    title: e.data.title,
    body: e.data.body,
    fields: e.data.fields,
    publishedBy: e.data.publishedBy,
    publishedAt: iso(e.meta.occurredAt),
    position: e.position,
  }));
}

/**
 * Folds a batch onto the current rows of the contracts it touches, without I/O. Events the
 * deciders cannot produce (out of order, or twice) and those at or below `lastPosition` are skipped.
 */
export function foldContracts(existing: ReadonlyMap<string, ContractRow>, batch: readonly EventEnvelope[]): ContractRow[] {
  const rows = new Map<string, ContractRow>();
  for (const event of batch.filter(isContractEvent)) {
    const id = event.data.contractId;
    const row = rows.get(id) ?? existing.get(id);
    const at = iso(event.meta.occurredAt);
    if (event.type === 'contracts.ContractDrafted') {
      if (row !== undefined) continue;
      const d = event.data;
      rows.set(id, {
        contractId: id,
        templateId: d.templateId,
        templateVersion: d.templateVersion,
        draftedBy: d.draftedBy,
        parties: d.parties.map((p) => ({ memberId: p.memberId, role: p.role, signature: null, terminationSignedAt: null })),
        signingOrder: d.signingOrder,
        visibility: d.visibility,
        documentSha256: d.documentSha256,
        status: 'awaiting-signatures',
        draftedAt: at,
        draftedPosition: event.position,
        executedAt: null,
        terminatedAt: null,
        disputedBy: null,
        disputeReason: null,
        disputedAt: null,
        lastPosition: event.position,
      });
      continue;
    }
    if (row === undefined || event.position <= row.lastPosition) continue;
    const next = applyToRow(row, event, at);
    if (next !== row) rows.set(id, { ...next, lastPosition: event.position });
  }
  return [...rows.values()];
}

function applyToRow(row: ContractRow, event: Exclude<ContractEnvelope, { type: 'contracts.ContractDrafted' }>, at: string): ContractRow {
  switch (event.type) {
    case 'contracts.ContractSigned': {
      const { signerId, keyId, signature } = event.data;
      if (row.status !== 'awaiting-signatures') return row;
      return {
        ...row,
        parties: row.parties.map((p) => (p.memberId === signerId && p.signature === null ? { ...p, signature: { keyId, signature, signedAt: at, position: event.position } } : p)),
      };
    }
    case 'contracts.ContractExecuted':
      return row.status === 'awaiting-signatures' ? { ...row, status: 'executed', executedAt: at } : row;
    case 'contracts.ContractTerminationSigned':
      if (row.status !== 'executed') return row;
      return { ...row, parties: row.parties.map((p) => (p.memberId === event.data.signerId && p.terminationSignedAt === null ? { ...p, terminationSignedAt: at } : p)) };
    case 'contracts.ContractTerminated':
      return row.status === 'executed' ? { ...row, status: 'terminated', terminatedAt: at } : row;
    case 'contracts.ContractDisputed':
      return row.status === 'executed' ? { ...row, status: 'disputed', disputedBy: event.data.disputedBy, disputeReason: event.data.reason, disputedAt: at } : row;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled contract event ${(unhandled as { type: string }).type}`);
    }
  }
}
