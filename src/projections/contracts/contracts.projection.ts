import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { ContractTableRow } from '../../read-models/contracts/contract-row.js';
import type { Projection } from '../projection.js';
import { CONTRACT_EVENT_TYPES, contractIdsOf, foldContracts, templateRowsOf, type ContractRow } from './contracts.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS contract_templates (
    template_id  uuid        NOT NULL,
    version      int         NOT NULL,
    kind         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    fields       jsonb       NOT NULL,
    published_by uuid        NOT NULL,
    published_at timestamptz NOT NULL,
    position     bigint      NOT NULL,
    PRIMARY KEY (template_id, version)
  );
  CREATE TABLE IF NOT EXISTS contracts (
    contract_id      uuid        PRIMARY KEY,
    template_id      uuid        NOT NULL,
    template_version int         NOT NULL,
    drafted_by       uuid        NOT NULL,
    parties          jsonb       NOT NULL,
    signing_order    text        NOT NULL,
    visibility       text        NOT NULL,
    document_sha256  text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('awaiting-signatures', 'executed', 'terminated', 'disputed')),
    drafted_at       timestamptz NOT NULL,
    drafted_position bigint      NOT NULL,
    executed_at      timestamptz,
    terminated_at    timestamptz,
    disputed_by      uuid,
    dispute_reason   text,
    disputed_at      timestamptz,
    last_position    bigint      NOT NULL
  );
  -- Verification looks a document up by its hash; a member's contracts by containment in parties.
  CREATE INDEX IF NOT EXISTS contracts_document ON contracts (document_sha256);
  CREATE INDEX IF NOT EXISTS contracts_parties ON contracts USING gin (parties jsonb_path_ops);
`;

export function contractFromTable(r: ContractTableRow): ContractRow {
  return {
    contractId: r.contract_id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    draftedBy: r.drafted_by,
    parties: r.parties,
    signingOrder: r.signing_order,
    visibility: r.visibility,
    documentSha256: r.document_sha256,
    status: r.status,
    draftedAt: r.drafted_at.toISOString(),
    draftedPosition: Number(r.drafted_position),
    executedAt: r.executed_at === null ? null : r.executed_at.toISOString(),
    terminatedAt: r.terminated_at === null ? null : r.terminated_at.toISOString(),
    disputedBy: r.disputed_by,
    disputeReason: r.dispute_reason,
    disputedAt: r.disputed_at === null ? null : r.disputed_at.toISOString(),
    lastPosition: Number(r.last_position),
  };
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const templates = templateRowsOf(batch);
  if (templates.length > 0) {
    await tx.query(
      `INSERT INTO contract_templates (template_id, version, kind, title, body, fields, published_by, published_at, position)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::uuid[], $8::timestamptz[], $9::bigint[])
       ON CONFLICT (template_id, version) DO NOTHING`,
      [
        templates.map((t) => t.templateId),
        templates.map((t) => t.version),
        templates.map((t) => t.kind),
        templates.map((t) => t.title),
        templates.map((t) => t.body),
        templates.map((t) => JSON.stringify(t.fields)),
        templates.map((t) => t.publishedBy),
        templates.map((t) => t.publishedAt),
        templates.map((t) => t.position),
      ],
    );
  }
  const ids = contractIdsOf(batch);
  if (ids.length === 0) return;
  const { rows: current } = await tx.query<ContractTableRow>(`SELECT * FROM contracts WHERE contract_id = ANY($1::uuid[])`, [ids]);
  const c = foldContracts(new Map(current.map((r) => [r.contract_id, contractFromTable(r)])), batch);
  if (c.length === 0) return;
  await tx.query(
    `INSERT INTO contracts AS c
       (contract_id, template_id, template_version, drafted_by, parties, signing_order, visibility, document_sha256, status,
        drafted_at, drafted_position, executed_at, terminated_at, disputed_by, dispute_reason, disputed_at, last_position)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::text[],
                          $10::timestamptz[], $11::bigint[], $12::timestamptz[], $13::timestamptz[], $14::uuid[], $15::text[], $16::timestamptz[], $17::bigint[])
     ON CONFLICT (contract_id) DO UPDATE SET
       parties = EXCLUDED.parties,
       status = EXCLUDED.status,
       executed_at = EXCLUDED.executed_at,
       terminated_at = EXCLUDED.terminated_at,
       disputed_by = EXCLUDED.disputed_by,
       dispute_reason = EXCLUDED.dispute_reason,
       disputed_at = EXCLUDED.disputed_at,
       last_position = EXCLUDED.last_position
     WHERE c.last_position < EXCLUDED.last_position`,
    [
      c.map((r) => r.contractId),
      c.map((r) => r.templateId),
      c.map((r) => r.templateVersion),
      c.map((r) => r.draftedBy),
      c.map((r) => JSON.stringify(r.parties)),
      c.map((r) => r.signingOrder),
      c.map((r) => r.visibility),
      c.map((r) => r.documentSha256),
      c.map((r) => r.status),
      c.map((r) => r.draftedAt),
      c.map((r) => r.draftedPosition),
      c.map((r) => r.executedAt),
      c.map((r) => r.terminatedAt),
      c.map((r) => r.disputedBy),
      c.map((r) => r.disputeReason),
      c.map((r) => r.disputedAt),
      c.map((r) => r.lastPosition),
    ],
  );
}

/** Contract templates (every published version) and contracts with their signatures (DESIGN §4). */
export const contractsProjection: Projection = {
  name: 'contracts',
  version: 1,
  handles: CONTRACT_EVENT_TYPES,
  tables: ['contract_templates', 'contracts'],
  schema,
  apply,
};
