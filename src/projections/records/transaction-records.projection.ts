import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { TransactionRecordTableRow } from '../../read-models/records/transaction-record-row.js';
import type { Projection } from '../projection.js';
import { foldTransactionRecords, RECORD_EVENT_TYPES, transactionIdsOf, type TransactionRecordRow } from './transaction-records.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS transaction_records (
    transaction_id       uuid        PRIMARY KEY,
    recorded_by          uuid        NOT NULL,
    payer_id             uuid        NOT NULL,
    payee_id             uuid        NOT NULL,
    amount_minor         bigint      NOT NULL CHECK (amount_minor > 0),
    currency             char(3)     NOT NULL,
    rail                 text        NOT NULL,
    purpose              text        NOT NULL,
    contract_id          uuid,
    reference_commitment text,
    status               text        NOT NULL CHECK (status IN ('recorded', 'confirmed', 'disputed')),
    recorded_at          timestamptz NOT NULL,
    recorded_position    bigint      NOT NULL,
    answered_by          uuid,
    answered_at          timestamptz,
    dispute_reason       text,
    last_position        bigint      NOT NULL
  );
  -- A member's records and totals read by payer or by payee; open disputes by status.
  CREATE INDEX IF NOT EXISTS transaction_records_payer ON transaction_records (payer_id, recorded_position);
  CREATE INDEX IF NOT EXISTS transaction_records_payee ON transaction_records (payee_id, recorded_position);
  CREATE INDEX IF NOT EXISTS transaction_records_disputed ON transaction_records (recorded_position) WHERE status = 'disputed';
`;

export function rowFromTable(r: TransactionRecordTableRow): TransactionRecordRow {
  return {
    transactionId: r.transaction_id,
    recordedBy: r.recorded_by,
    payerId: r.payer_id,
    payeeId: r.payee_id,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    rail: r.rail,
    purpose: r.purpose,
    contractId: r.contract_id,
    referenceCommitment: r.reference_commitment,
    status: r.status,
    recordedAt: r.recorded_at.toISOString(),
    recordedPosition: Number(r.recorded_position),
    answeredBy: r.answered_by,
    answeredAt: r.answered_at === null ? null : r.answered_at.toISOString(),
    disputeReason: r.dispute_reason,
    lastPosition: Number(r.last_position),
  };
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const ids = transactionIdsOf(batch);
  if (ids.length === 0) return;
  const { rows: current } = await tx.query<TransactionRecordTableRow>(`SELECT * FROM transaction_records WHERE transaction_id = ANY($1::uuid[])`, [ids]);
  const t = foldTransactionRecords(new Map(current.map((r) => [r.transaction_id, rowFromTable(r)])), batch);
  if (t.length === 0) return;
  await tx.query(
    `INSERT INTO transaction_records AS t
       (transaction_id, recorded_by, payer_id, payee_id, amount_minor, currency, rail, purpose, contract_id, reference_commitment,
        status, recorded_at, recorded_position, answered_by, answered_at, dispute_reason, last_position)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[],
                          $11::text[], $12::timestamptz[], $13::bigint[], $14::uuid[], $15::timestamptz[], $16::text[], $17::bigint[])
     ON CONFLICT (transaction_id) DO UPDATE SET
       status = EXCLUDED.status,
       answered_by = EXCLUDED.answered_by,
       answered_at = EXCLUDED.answered_at,
       dispute_reason = EXCLUDED.dispute_reason,
       last_position = EXCLUDED.last_position
     WHERE t.last_position < EXCLUDED.last_position`,
    [
      t.map((r) => r.transactionId),
      t.map((r) => r.recordedBy),
      t.map((r) => r.payerId),
      t.map((r) => r.payeeId),
      t.map((r) => r.amountMinor),
      t.map((r) => r.currency),
      t.map((r) => r.rail),
      t.map((r) => r.purpose),
      t.map((r) => r.contractId),
      t.map((r) => r.referenceCommitment),
      t.map((r) => r.status),
      t.map((r) => r.recordedAt),
      t.map((r) => r.recordedPosition),
      t.map((r) => r.answeredBy),
      t.map((r) => r.answeredAt),
      t.map((r) => r.disputeReason),
      t.map((r) => r.lastPosition),
    ],
  );
}

/** Transaction records with their answer (DESIGN §4): a member's records, totals and open disputes read from here. */
export const transactionRecordsProjection: Projection = {
  name: 'transaction-records',
  version: 1,
  handles: RECORD_EVENT_TYPES,
  tables: ['transaction_records'],
  schema,
  apply,
};
