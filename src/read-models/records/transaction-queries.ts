import type pg from 'pg';
import { rowFromTable } from '../../projections/records/transaction-records.projection.js';
import type { RecordStatus } from '../../projections/records/transaction-records.fold.js';
import type { Rail } from '../../events/records/record-events.js';
import type { TransactionRecordTableRow } from './transaction-record-row.js';

type Queryable = pg.Pool | pg.ClientBase;

/** A transaction record as the API shows it; `status: recorded` means the counterparty has not confirmed it yet. */
export interface TransactionView {
  transactionId: string;
  recordedBy: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: string;
  rail: Rail;
  purpose: string;
  contractId: string | null;
  referenceCommitment: string | null;
  status: RecordStatus;
  confirmed: boolean;
  recordedAt: string;
  position: number;
  answeredBy: string | null;
  answeredAt: string | null;
  disputeReason: string | null;
}

export interface CurrencyTotals {
  currency: string;
  /** Sums of integer minor units, by whether the counterparty confirmed the records. */
  confirmed: { paid: number; received: number };
  unconfirmed: { paid: number; received: number };
  disputed: { paid: number; received: number };
}

const COLUMNS = `transaction_id, recorded_by, payer_id, payee_id, amount_minor, currency, rail, purpose, contract_id, reference_commitment,
                 status, recorded_at, recorded_position, answered_by, answered_at, dispute_reason, last_position`;

function view(r: TransactionRecordTableRow): TransactionView {
  const { lastPosition: _last, recordedPosition, ...row } = rowFromTable(r);
  return { ...row, confirmed: row.status === 'confirmed', position: recordedPosition };
}

export async function getTransaction(db: Queryable, transactionId: string): Promise<TransactionView | undefined> {
  const { rows } = await db.query<TransactionRecordTableRow>(`SELECT ${COLUMNS} FROM read_models.transaction_records WHERE transaction_id = $1`, [transactionId]);
  return rows[0] && view(rows[0]);
}

/** The records a member paid or received, newest first. */
export async function listMemberTransactions(
  db: Queryable,
  memberId: string,
  paging: { limit: number; offset: number; status?: RecordStatus },
): Promise<{ items: TransactionView[]; total: number }> {
  const where = `(payer_id = $1 OR payee_id = $1) AND ($2::text IS NULL OR status = $2)`;
  const [{ rows }, count] = await Promise.all([
    db.query<TransactionRecordTableRow>(
      `SELECT ${COLUMNS} FROM read_models.transaction_records WHERE ${where} ORDER BY recorded_position DESC LIMIT $3 OFFSET $4`,
      [memberId, paging.status ?? null, paging.limit, paging.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.transaction_records WHERE ${where}`, [memberId, paging.status ?? null]),
  ]);
  return { items: rows.map(view), total: Number(count.rows[0]!.n) };
}

/** What a member paid and received, per currency, split by confirmation. */
export async function memberTotals(db: Queryable, memberId: string): Promise<CurrencyTotals[]> {
  const { rows } = await db.query<{ currency: string; status: RecordStatus; paid: string; received: string }>(
    `SELECT currency, status,
            coalesce(sum(amount_minor) FILTER (WHERE payer_id = $1), 0) AS paid,
            coalesce(sum(amount_minor) FILTER (WHERE payee_id = $1), 0) AS received
       FROM read_models.transaction_records
      WHERE payer_id = $1 OR payee_id = $1
      GROUP BY currency, status
      ORDER BY currency`,
    [memberId],
  );
  const totals = new Map<string, CurrencyTotals>();
  for (const r of rows) {
    const zero = (): { paid: number; received: number } => ({ paid: 0, received: 0 });
    const t = totals.get(r.currency) ?? { currency: r.currency, confirmed: zero(), unconfirmed: zero(), disputed: zero() };
    const bucket = r.status === 'confirmed' ? t.confirmed : r.status === 'recorded' ? t.unconfirmed : t.disputed;
    bucket.paid += Number(r.paid);
    bucket.received += Number(r.received);
    totals.set(r.currency, t);
  }
  return [...totals.values()];
}

/**
 * A dispute stays open until arbitration decides it: a decided case (read_models.arbitration_cases,
 * whose case id is the disputed record's id, ADR 0012) closes it, though the record stays `disputed`.
 */
const OPEN_DISPUTE = `status = 'disputed'
  AND transaction_id NOT IN (SELECT case_id FROM read_models.arbitration_cases WHERE subject_kind = 'transaction' AND status = 'decided')`;

/** Records disputed by their counterparty and not yet decided in arbitration, oldest first: the cases arbitration works through. */
export async function listOpenDisputes(db: Queryable, paging: { limit: number; offset: number }): Promise<{ items: TransactionView[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query<TransactionRecordTableRow>(`SELECT ${COLUMNS} FROM read_models.transaction_records WHERE ${OPEN_DISPUTE} ORDER BY recorded_position LIMIT $1 OFFSET $2`, [
      paging.limit,
      paging.offset,
    ]),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.transaction_records WHERE ${OPEN_DISPUTE}`),
  ]);
  return { items: rows.map(view), total: Number(count.rows[0]!.n) };
}

/** The private payment reference and its salt, so a party can show that it matches the commitment on the log. */
export async function getPaymentReference(db: Queryable, transactionId: string): Promise<{ reference: string; salt: string; commitment: string } | undefined> {
  const { rows } = await db.query<{ reference: string; salt: Buffer; commitment: string }>(
    `SELECT reference, salt, commitment FROM records_private.payment_references WHERE transaction_id = $1`,
    [transactionId],
  );
  const row = rows[0];
  return row && { reference: row.reference, salt: row.salt.toString('base64url'), commitment: row.commitment };
}
