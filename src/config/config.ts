import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { isValidKeyName, NoteSigner } from '../ledger/note/note.js';

export type ProcessRole = 'api' | 'projector' | 'ledger' | 'forwarder';
export const ALL_ROLES: readonly ProcessRole[] = ['api', 'projector', 'ledger', 'forwarder'];

/** Every setting of the process, read once from the environment (DESIGN §9). */
export interface AppConfig {
  host: string;
  port: number;
  /** Folder for the embedded database, generated secrets and keys. */
  dataDir: string;
  /** External PostgreSQL; when absent an embedded server is started under `dataDir`. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString: string | undefined;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** How long a query waits for its projection to reach a requested position. */
  readWaitMs: number;
  /** How far a signed act's `issuedAt` may be from the server's clock. */
  actMaxSkewSeconds: number;
  /** Load the demo community on first start. */
  demoSeed: boolean;
  /** How often the closer looks for proposals whose time is up. */
  closerIntervalMs: number;
  roles: readonly ProcessRole[];
  /** Readiness (GET /health) fails when a projection is more events than this behind the log head. */
  readyMaxLagEvents: number;
  serveWeb: boolean;
  /** The ledger's checkpoint origin (first line of every checkpoint). */
  ledgerOrigin: string;
  /** The ledger's signing key, in the Go note form `PRIVATE+KEY+<name>+<hex id>+<base64>`. */
  ledgerKey: string;
  /** Kafka bootstrap brokers; when absent the forwarder and the notifications consumer stay off. */
  kafkaBrokers: readonly string[] | undefined;
  /** Kafka client id of this instance, and the notifications consumer's group id. */
  kafkaClientId: string;
  kafkaConsumerGroup: string;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`configuration ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigError(name, `expected an integer >= ${min}, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

export function parseRoles(raw: string | undefined): readonly ProcessRole[] {
  if (raw === undefined || raw === '' || raw === 'all') return ALL_ROLES;
  const roles = raw.split(',').map((r) => r.trim());
  for (const role of roles) {
    if (!(ALL_ROLES as readonly string[]).includes(role)) {
      throw new ConfigError('ROLE', `unknown role "${role}"; use all or any of ${ALL_ROLES.join(', ')}`);
    }
  }
  return roles as ProcessRole[];
}

/** A secret kept under the data folder so that restarts keep it (tokens stay valid). */
function persistedSecret(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  return secret;
}

/** The ledger signing key: generated on first start and kept under the data folder. */
function persistedLedgerKey(dataDir: string, origin: string): string {
  const path = join(dataDir, 'ledger-key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = NoteSigner.generate(origin).toString();
  writeFileSync(path, key + '\n', { mode: 0o600 });
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, roleOverride?: string): AppConfig {
  const dataDir = resolve(env.DATA_DIR || '.data');
  const eventStore = env.EVENT_STORE || 'postgres';
  if (eventStore !== 'postgres' && eventStore !== 'eventstoredb') {
    throw new ConfigError('EVENT_STORE', `expected postgres or eventstoredb, got "${eventStore}"`);
  }
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'required when EVENT_STORE=eventstoredb');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPostgresPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1),
    eventStore,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    jwtSecret: env.JWT_SECRET || persistedSecret(dataDir, 'jwt-secret'),
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 3600, 60),
    readWaitMs: int(env, 'READ_WAIT_MS', 5000, 0),
    actMaxSkewSeconds: int(env, 'ACT_MAX_SKEW_SECONDS', 300, 1),
    demoSeed: bool(env, 'DEMO_SEED', true),
    closerIntervalMs: int(env, 'CLOSER_INTERVAL_MS', 1000, 50),
    roles: parseRoles(roleOverride ?? env.ROLE),
    readyMaxLagEvents: int(env, 'READY_MAX_LAG_EVENTS', 10_000, 0),
    serveWeb: bool(env, 'SERVE_WEB', true),
    ...ledgerSettings(env, dataDir),
    kafkaBrokers: kafkaBrokers(env.KAFKA_BROKERS),
    kafkaClientId: env.KAFKA_CLIENT_ID || 'civic-ledger',
    kafkaConsumerGroup: env.KAFKA_CONSUMER_GROUP || 'civic-ledger-notifications',
  };
}

export function kafkaBrokers(raw: string | undefined): readonly string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const brokers = raw.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    if (!/^[^\s:,]+:\d{1,5}$/.test(broker)) throw new ConfigError('KAFKA_BROKERS', `expected host:port[,host:port...], got "${broker}"`);
  }
  return brokers;
}

function ledgerSettings(env: NodeJS.ProcessEnv, dataDir: string): { ledgerOrigin: string; ledgerKey: string } {
  const ledgerOrigin = env.LEDGER_ORIGIN || 'civic-ledger.localhost/ledger';
  if (!isValidKeyName(ledgerOrigin)) throw new ConfigError('LEDGER_ORIGIN', 'expected a name without spaces or plus signs, e.g. civic.example.org/ledger');
  const ledgerKey = env.LEDGER_KEY || persistedLedgerKey(dataDir, ledgerOrigin);
  try {
    NoteSigner.parse(ledgerKey);
  } catch {
    throw new ConfigError('LEDGER_KEY', 'expected a signer key PRIVATE+KEY+<name>+<hex key ID>+<base64 key>');
  }
  return { ledgerOrigin, ledgerKey };
}

export const APP_CONFIG = Symbol('AppConfig');
