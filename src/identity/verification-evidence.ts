import { Inject, Injectable } from '@nestjs/common';
import pg from 'pg';
import { PG_POOL } from '../database/database.providers.js';
import type { VerificationMethod } from '../events/members/member-events.js';

/** One stored evidence: what the member may fetch to prove the commitment on the log. */
export interface StoredEvidence {
  memberId: string;
  verifierId: string;
  method: VerificationMethod;
  description: string;
  /** Hex of the 32 salt bytes. */
  salt: string;
  commitment: string;
  recordedAt: string;
}

/** identity.verification_evidence: private rows, erased when the member leaves. */
@Injectable()
export class VerificationEvidenceStore {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Written before the event, so a commitment on the log always has its evidence; keyed by commitment. */
  async record(evidence: Omit<StoredEvidence, 'recordedAt'>, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO identity.verification_evidence (commitment, member_id, verifier_id, method, description, salt, recorded_at)
       VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), $7) ON CONFLICT (commitment) DO NOTHING`,
      [evidence.commitment, evidence.memberId, evidence.verifierId, evidence.method, evidence.description, evidence.salt, at],
    );
  }

  /** Drops the row of a verification that never reached the log (refused, or failed to append). */
  async discard(commitment: string): Promise<void> {
    await this.pool.query('DELETE FROM identity.verification_evidence WHERE commitment = $1', [commitment]);
  }

  async ofMember(memberId: string): Promise<StoredEvidence[]> {
    const { rows } = await this.pool.query<{
      member_id: string;
      verifier_id: string;
      method: VerificationMethod;
      description: string;
      salt: string;
      commitment: string;
      recorded_at: Date;
    }>(
      `SELECT member_id, verifier_id, method, description, encode(salt, 'hex') AS salt, commitment, recorded_at
         FROM identity.verification_evidence WHERE member_id = $1 ORDER BY recorded_at, commitment`,
      [memberId],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      verifierId: r.verifier_id,
      method: r.method,
      description: r.description,
      salt: r.salt,
      commitment: r.commitment,
      recordedAt: r.recorded_at.toISOString(),
    }));
  }
}
