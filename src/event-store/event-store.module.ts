import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The adapter the configuration selects (DESIGN §3): PostgreSQL by default, EventStoreDB with EVENT_STORE=eventstoredb. */
export function createEventStore(config: AppConfig, pool: pg.Pool, databaseUrl: string): EventStore {
  if (config.eventStore === 'eventstoredb') return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
  return new PostgresEventStore(pool, databaseUrl);
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, PG_POOL, DATABASE],
      useFactory: (config: AppConfig, pool: pg.Pool, db: Database): EventStore => createEventStore(config, pool, db.url),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
