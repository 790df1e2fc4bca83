import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type pg from 'pg';
import { PG_POOL } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { LedgerEntries } from './integrator/ledger-entries.js';
import { ledgerProjection } from './integrator/ledger.projection.js';
import { NoteSigner } from './note/note.js';

/** The ledger's origin, keys and entries from configuration; hands them to the integrator before it starts. */
@Injectable()
export class LedgerKeys implements OnModuleInit {
  readonly origin: string;
  readonly signer: NoteSigner;
  /** Where entries are kept: beside the events in PostgreSQL, or encoded from another store's events. */
  readonly entries: LedgerEntries;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) pool: pg.Pool,
  ) {
    this.origin = config.ledgerOrigin;
    this.signer = NoteSigner.parse(config.ledgerKey);
    this.entries = config.eventStore === 'postgres' ? { kind: 'database', reader: pool } : { kind: 'store', store: this.store };
  }

  get verifierKey(): string {
    return this.signer.verifier.toString();
  }

  onModuleInit(): void {
    ledgerProjection.configure({ origin: this.origin, signer: this.signer, entries: this.entries });
  }
}
