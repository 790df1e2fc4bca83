import { Inject, Injectable } from '@nestjs/common';
import pg from 'pg';
import type { Visibility } from '../../events/contracts/contract-events.js';
import { PG_POOL } from '../../database/database.providers.js';

/** Rendered contract documents: off the log (DESIGN §6), which holds only their SHA-256. */
@Injectable()
export class ContractDocuments {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async store(contractId: string, sha256: string, visibility: Visibility, document: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO contracts_private.documents (contract_id, sha256, visibility, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract_id) DO NOTHING`,
      [contractId, sha256, visibility, document],
    );
  }
}
