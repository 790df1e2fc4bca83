import { Inject, Injectable } from '@nestjs/common';
import pg from 'pg';
import { sha256 } from '../../events/canonical.js';
import { PG_POOL } from '../../database/database.providers.js';
import { InvalidInput } from '../shared/domain-errors.js';

export const SALT_BYTES = 32;

/** An external payment reference (an IBAN transfer id, a UPI ref) and the salt that hides it. */
export interface PaymentReference {
  reference: string;
  /** base64url of 32 random bytes, chosen by the client so that it can sign the commitment. */
  salt: string;
}

/**
 * The salted commitment that goes on the log: hex SHA-256 of the salt's 32 bytes followed by the
 * UTF-8 reference. Without the salt a short reference could be found by trying them all.
 */
export function referenceCommitment(reference: PaymentReference): string {
  return sha256(Buffer.concat([decodeSalt(reference.salt, 'referenceSalt'), Buffer.from(reference.reference, 'utf8')])).toString('hex');
}

export function decodeSalt(salt: string, field: string): Buffer {
  const bytes = /^[A-Za-z0-9_-]{43}$/.test(salt) ? Buffer.from(salt, 'base64url') : null;
  if (bytes === null || bytes.length !== SALT_BYTES || bytes.toString('base64url') !== salt) {
    throw new InvalidInput(field, `${field} must be the base64url encoding of ${SALT_BYTES} random bytes`);
  }
  return bytes;
}

/** The private side of a record (DESIGN §6): erasable, never on the log. */
@Injectable()
export class PaymentReferences {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async store(transactionId: string, reference: PaymentReference): Promise<void> {
    await this.pool.query(
      `INSERT INTO records_private.payment_references (transaction_id, reference, salt, commitment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (transaction_id) DO NOTHING`,
      [transactionId, reference.reference, decodeSalt(reference.salt, 'referenceSalt'), referenceCommitment(reference)],
    );
  }
}
