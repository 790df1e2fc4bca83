import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, PG_POOL, DATABASE],
      useFactory: (config: AppConfig, pool: pg.Pool, db: Database): EventStore => {
        if (config.eventStore !== 'postgres') {
          throw new Error('EVENT_STORE=eventstoredb: the EventStoreDB adapter is not part of this build yet');
        }
        return new PostgresEventStore(pool, db.url);
      },
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
