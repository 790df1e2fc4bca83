import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import { systemClock, type Clock } from '../config/clock.js';
import { loadConfig, type AppConfig } from '../config/config.js';
import { DatabaseModule } from '../database/database.module.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';

export { CliError, CliFailure } from './cli-errors.js';

export interface CliContext {
  config: AppConfig;
  database: Database;
  pool: pg.Pool;
  store: EventStore;
  close(): Promise<void>;
}

export interface CliApp extends CliContext {
  app: INestApplicationContext;
  /** Executes command requests through the real handlers, as the API does. */
  commands: CommandBus;
  clock: Clock;
}

/** Only the database and the event store, built by the app's own modules (no handlers, no HTTP). */
@Module({})
class CliStoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return { module: CliStoreModule, imports: [DatabaseModule.forRoot(config, clock), EventStoreModule] };
  }
}

function cliConfig(): AppConfig {
  // The role is the app's business; the CLI runs no role (no HTTP, no runners, no closer, no demo seed).
  return { ...loadConfig(process.env, ''), roles: [] };
}

async function contextOf(app: INestApplicationContext, config: AppConfig): Promise<CliContext> {
  return {
    config,
    database: app.get<Database>(DATABASE),
    pool: app.get<pg.Pool>(PG_POOL),
    store: app.get<EventStore>(EVENT_STORE),
    // Ends the pool, the store and, when this process started it, the embedded server.
    close: () => app.close(),
  };
}

async function create(module: DynamicModule): Promise<INestApplicationContext> {
  // abortOnError false: a failure to start is thrown to main(), which prints it, instead of exiting here.
  return NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
}

/** The database the app uses (the running app's embedded server, if it is up), migrated. */
export async function openCliContext(): Promise<CliContext> {
  const config = cliConfig();
  const app = await create(CliStoreModule.forRoot(config, systemClock));
  return contextOf(app, config);
}

/** The whole application without HTTP or runners, for commands that go through the command handlers. */
export async function openCliApp(clock: Clock = systemClock): Promise<CliApp> {
  const config = cliConfig();
  // Loaded here, not at the top: the commands that need only the store start faster without it.
  const { AppModule } = await import('../app.module.js');
  const app = await create(AppModule.forRoot(config, clock));
  return { ...(await contextOf(app, config)), app, commands: app.get(CommandBus), clock };
}
