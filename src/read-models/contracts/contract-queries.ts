import type pg from 'pg';
import type { ContractKind, TemplateField, Visibility } from '../../events/contracts/contract-events.js';
import type { ContractRow, ContractRowStatus } from '../../projections/contracts/contracts.fold.js';
import { contractFromTable } from '../../projections/contracts/contracts.projection.js';
import type { ContractTableRow } from './contract-row.js';

type Queryable = pg.Pool | pg.ClientBase;

export type ContractView = Omit<ContractRow, 'lastPosition' | 'draftedPosition'> & { position: number };

export interface TemplateSummary {
  templateId: string;
  version: number;
  kind: ContractKind;
  title: string;
  fields: TemplateField[];
  publishedBy: string;
  publishedAt: string;
  position: number;
}

export interface TemplateDetail extends TemplateSummary {
  body: string;
}

interface TemplateTableRow {
  template_id: string;
  version: number;
  kind: ContractKind;
  title: string;
  body: string;
  fields: TemplateField[];
  published_by: string;
  published_at: Date;
  position: string;
}

function contractView(r: ContractTableRow): ContractView {
  const { lastPosition: _last, draftedPosition, ...row } = contractFromTable(r);
  return { ...row, position: draftedPosition };
}

function templateDetail(r: TemplateTableRow): TemplateDetail {
  return {
    templateId: r.template_id,
    version: r.version,
    kind: r.kind,
    title: r.title,
    body: r.body,
    fields: r.fields,
    publishedBy: r.published_by,
    publishedAt: r.published_at.toISOString(),
    position: Number(r.position),
  };
}

/** Every published template version, grouped by template, oldest version first. */
export async function listTemplates(db: Queryable, paging: { limit: number; offset: number }): Promise<{ items: TemplateSummary[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query<TemplateTableRow>(`SELECT * FROM read_models.contract_templates ORDER BY template_id, version LIMIT $1 OFFSET $2`, [paging.limit, paging.offset]),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.contract_templates`),
  ]);
  return { items: rows.map((r) => { const { body: _body, ...summary } = templateDetail(r); return summary; }), total: Number(count.rows[0]!.n) };
}

export async function getTemplateVersion(db: Queryable, templateId: string, version: number): Promise<TemplateDetail | undefined> {
  const { rows } = await db.query<TemplateTableRow>(`SELECT * FROM read_models.contract_templates WHERE template_id = $1 AND version = $2`, [templateId, version]);
  return rows[0] && templateDetail(rows[0]);
}

export async function listContracts(db: Queryable, paging: { limit: number; offset: number; status?: ContractRowStatus }): Promise<{ items: ContractView[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query<ContractTableRow>(
      `SELECT * FROM read_models.contracts WHERE ($1::text IS NULL OR status = $1) ORDER BY drafted_position DESC LIMIT $2 OFFSET $3`,
      [paging.status ?? null, paging.limit, paging.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.contracts WHERE ($1::text IS NULL OR status = $1)`, [paging.status ?? null]),
  ]);
  return { items: rows.map(contractView), total: Number(count.rows[0]!.n) };
}

export async function getContract(db: Queryable, contractId: string): Promise<ContractView | undefined> {
  const { rows } = await db.query<ContractTableRow>(`SELECT * FROM read_models.contracts WHERE contract_id = $1`, [contractId]);
  return rows[0] && contractView(rows[0]);
}

/** Contracts whose document has this SHA-256, oldest first (a document names its contract, so normally one). */
export async function contractsByDocument(db: Queryable, sha256: string): Promise<ContractView[]> {
  const { rows } = await db.query<ContractTableRow>(`SELECT * FROM read_models.contracts WHERE document_sha256 = $1 ORDER BY drafted_position`, [sha256]);
  return rows.map(contractView);
}

/** Contracts waiting for this member's signature now: not yet signed by them, and (sequential order) their turn. */
export async function awaitingSignatureOf(db: Queryable, memberId: string): Promise<ContractView[]> {
  const { rows } = await db.query<ContractTableRow>(
    `SELECT * FROM read_models.contracts WHERE status = 'awaiting-signatures' AND parties @> $1::jsonb ORDER BY drafted_position`,
    [JSON.stringify([{ memberId }])],
  );
  return rows.map(contractView).filter((c) => {
    const unsigned = c.parties.filter((p) => p.signature === null);
    if (!unsigned.some((p) => p.memberId === memberId)) return false;
    return c.signingOrder === 'parallel' || unsigned[0]!.memberId === memberId;
  });
}

/** A member's contracts in any state, newest first. */
export async function contractsOfMember(db: Queryable, memberId: string): Promise<ContractView[]> {
  const { rows } = await db.query<ContractTableRow>(`SELECT * FROM read_models.contracts WHERE parties @> $1::jsonb ORDER BY drafted_position DESC`, [
    JSON.stringify([{ memberId }]),
  ]);
  return rows.map(contractView);
}

/** The rendered document, from the private store (DESIGN §6). */
export async function getDocument(db: Queryable, contractId: string): Promise<{ sha256: string; visibility: Visibility; document: string } | undefined> {
  const { rows } = await db.query<{ sha256: string; visibility: Visibility; document: string }>(
    `SELECT sha256, visibility, document FROM contracts_private.documents WHERE contract_id = $1`,
    [contractId],
  );
  return rows[0];
}
