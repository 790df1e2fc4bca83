import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { ConsequencesManager } from '../commands/governance/consequences/consequences.manager.js';
import { AggregateStore } from '../commands/shared/aggregate-store.js';
import { CLOCK, type Clock } from '../config/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, PG_POOL, type Database } from '../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { CarryOut } from './demo-roles-moderation.js';
import { rolesOnLog, stewardExists } from './community-facts.js';
import { seedDemoCommunity, type DemoSeedSummary } from './demo-seed.js';

/** Session-level advisory lock held while the demo community is loaded (migrations use 7_240_001). */
const DEMO_SEED_LOCK = 7_240_005;

export type DemoSeedOutcome =
  | { seeded: true; summary: DemoSeedSummary; head: number }
  | { seeded: false; reason: 'log-not-empty'; head: number }
  | { seeded: false; reason: 'steward-exists'; head: number };

export interface DemoSeedOptions {
  databaseUrl: string;
  store: EventStore;
  commands: CommandBus;
  clock: Clock;
  /** Seed even though the log has events (still refused when a steward exists: the demo bootstraps its own). */
  force?: boolean;
  /**
   * The consequences manager's step: the seed carries out each passed role motion and won election
   * as soon as it closes, so its later steps (moderating, arbitrating) can rely on the roles.
   * Processing is idempotent, so the manager's own loop handling the same decisions changes nothing.
   */
  consequences: { process(event: EventEnvelope): Promise<number> };
  /** Called once it is decided to seed, before the first command (e.g. to start projection runners). */
  beforeSeed?: () => void;
}

/**
 * Loads the demo community once. Processes starting together queue on an advisory lock; whoever
 * gets it first and finds the log empty seeds, the others then find it non-empty and skip.
 */
export async function seedDemoOnce(options: DemoSeedOptions): Promise<DemoSeedOutcome> {
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'civic:demo-seed' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [DEMO_SEED_LOCK]);
    const head = await options.store.headPosition();
    if (head > 0) {
      if (!options.force) return { seeded: false, reason: 'log-not-empty', head };
      if (await stewardExists(options.store)) return { seeded: false, reason: 'steward-exists', head };
    }
    options.beforeSeed?.();
    const carryOut: CarryOut = async (stream, type) => {
      const event = (await options.store.readStream(stream)).find((e) => e.type === type);
      if (!event) throw new Error(`demo seed: ${stream} has no ${type}`);
      await options.consequences.process(event);
      return event.data as Record<string, unknown>;
    };
    const summary = await seedDemoCommunity(options.commands, options.clock, carryOut);
    // The roles the demo's history left each member with (elections and motions changed some).
    const roles = await rolesOnLog(options.store);
    for (const member of summary.members) member.roles = [...(roles.get(member.memberId) ?? [])];
    return { seeded: true, summary, head: await options.store.headPosition() };
  } finally {
    // Ending the session releases the lock, also when the seed failed half-way.
    await client.end().catch(() => undefined);
  }
}

/**
 * On the first start of the api role with DEMO_SEED=true (the default) and an empty log, loads the
 * demo community. Its module is imported by CommandsModule, so this hook runs after the global
 * modules' (command handlers registered, projection runners started: opening a proposal waits for
 * the members projection) and before CommandsModule's (the proposal closer starts after the seed).
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed || !this.config.roles.includes('api')) return;
    try {
      // The manager's step on this module's command bus: the roles module's own bus registers its
      // handlers only in a later bootstrap hook than this one. Never started: only `process` runs.
      const aggregates = this.modules.get(AggregateStore, { strict: false });
      const consequences = new ConsequencesManager(this.commands, aggregates, this.store, this.pool, this.config);
      const outcome = await seedDemoOnce({ databaseUrl: this.database.url, store: this.store, commands: this.commands, clock: this.clock, consequences });
      if (!outcome.seeded) return;
      const { members, proposals } = outcome.summary;
      const first = members[0]!;
      this.logger.log(
        `demo community loaded (DEMO_SEED=false disables this): ${members.length} members, ${proposals.length} proposals; ` +
          `DEMO-ONLY logins: ${first.email} / ${first.password} (steward), ${members[1]!.email} / ${members[1]!.password}, ... (<handle>@demo.civic / demo-password-<n>)`,
      );
    } catch (error) {
      // The app is still useful without the demo; a half-loaded demo is visible on the log.
      this.logger.error(`loading the demo community failed: ${(error as Error).message}`);
    }
  }
}
