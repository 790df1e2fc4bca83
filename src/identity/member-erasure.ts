import { Inject, Injectable } from '@nestjs/common';
import pg from 'pg';
import { PG_POOL } from '../database/database.providers.js';

/**
 * Erases a member's private data (DESIGN §6): the account (email, password hash: they can no longer
 * log in) and their verification evidence with its salt. One transaction, and idempotent, so a
 * retried leave finishes an erasure a crash interrupted. The log is not touched.
 */
@Injectable()
export class MemberErasure {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async erase(memberId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM identity.verification_evidence WHERE member_id = $1', [memberId]);
      await client.query('DELETE FROM identity.accounts WHERE member_id = $1', [memberId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
