import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { CLOCK, type Clock } from '../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, openDatabase, PG_POOL, type Database } from './database.providers.js';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: DATABASE, useFactory: () => openDatabase(config, (line) => logger.debug(line.trim())) },
        {
          provide: PG_POOL,
          inject: [DATABASE],
          useFactory: (db: Database) => {
            const pool = new pg.Pool({ connectionString: db.url, max: 20 });
            pool.on('error', (error) => logger.warn(`idle connection error: ${error.message}`));
            return pool;
          },
        },
      ],
      exports: [APP_CONFIG, CLOCK, DATABASE, PG_POOL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
    await this.database.stop();
  }
}
