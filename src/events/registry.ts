import { COMMENT_SCHEMAS } from './governance/comment-schemas.js';
import { DELEGATION_SCHEMAS } from './governance/delegation-schemas.js';
import { ELECTION_SCHEMAS } from './governance/election-schemas.js';
import { PROPOSAL_SCHEMAS } from './governance/proposal-schemas.js';
import { MEMBER_SCHEMAS } from './members/member-schemas.js';
import { MODERATION_SCHEMAS } from './moderation/moderation-schemas.js';
import { ARBITRATION_SCHEMAS } from './arbitration/arbitration-schemas.js';
import { RECORD_SCHEMAS } from './records/record-schemas.js';
import { CONTRACT_SCHEMAS, TEMPLATE_SCHEMAS } from './contracts/contract-schemas.js';

/** Turns the data of one schema version into the next (v to v+1). */
export type Upcaster = (data: unknown) => unknown;

/** What the log knows about one event type (DESIGN §2). */
export interface EventSchema {
  /** The version writers emit now; older stored versions are upcast to it on read. */
  schemaVersion: number;
  /** Problems with `data` in the current version, empty when it is valid. */
  validate(data: unknown): string[];
  /** `upcasters[v]` turns version v into v + 1; one for every version below `schemaVersion`. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}

export interface EventRegistry {
  readonly types: readonly string[];
  schemaVersionOf(type: string): number;
  validate(type: string, data: unknown): string[];
  /** The data of a stored `schemaVersion` in the current shape; stored events are never rewritten. */
  upcast(type: string, schemaVersion: number, data: unknown): unknown;
  upcastEvent<E extends StoredEvent>(event: E): E;
}

/** The part of an envelope that upcasting reads and replaces. */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export class UnknownEventTypeError extends Error {
  constructor(readonly type: string) {
    super(`unknown event type ${type}`);
    this.name = 'UnknownEventTypeError';
  }
}

/** A stored version this build cannot read: written by a newer build, or never defined. */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(`event type ${type} has no schema version ${schemaVersion}`);
    this.name = 'UnsupportedSchemaVersionError';
  }
}

export function createEventRegistry(schemas: Readonly<Record<string, EventSchema>>): EventRegistry {
  const byType = new Map(Object.entries(schemas));
  for (const [type, schema] of byType) assertUpcastChain(type, schema);

  const schemaOf = (type: string): EventSchema => {
    const schema = byType.get(type);
    if (schema === undefined) throw new UnknownEventTypeError(type);
    return schema;
  };

  const upcast = (type: string, schemaVersion: number, data: unknown): unknown => {
    const schema = schemaOf(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > schema.schemaVersion) {
      throw new UnsupportedSchemaVersionError(type, schemaVersion);
    }
    let current = data;
    for (let version = schemaVersion; version < schema.schemaVersion; version += 1) current = schema.upcasters![version](current);
    return current;
  };

  return {
    types: [...byType.keys()],
    schemaVersionOf: (type) => schemaOf(type).schemaVersion,
    validate: (type, data) => {
      const schema = byType.get(type);
      return schema === undefined ? [`type: unknown event type ${type}`] : schema.validate(data);
    },
    upcast,
    upcastEvent: (event) => {
      const schemaVersion = schemaOf(event.type).schemaVersion;
      if (event.schemaVersion === schemaVersion) return event;
      return { ...event, schemaVersion, data: upcast(event.type, event.schemaVersion, event.data) };
    },
  };
}

/** Checked once at start-up, so a gap in the chain fails the build's tests rather than a read in production. */
function assertUpcastChain(type: string, schema: EventSchema): void {
  if (!Number.isInteger(schema.schemaVersion) || schema.schemaVersion < 1) {
    throw new Error(`event type ${type}: schemaVersion must be a positive integer`);
  }
  for (let version = 1; version < schema.schemaVersion; version += 1) {
    if (typeof schema.upcasters?.[version] !== 'function') throw new Error(`event type ${type}: no upcaster from version ${version}`);
  }
}

export const ALL_EVENT_TYPES = {
  members: Object.keys(MEMBER_SCHEMAS) as readonly (keyof typeof MEMBER_SCHEMAS)[],
  governance: [...Object.keys(PROPOSAL_SCHEMAS), ...Object.keys(COMMENT_SCHEMAS), ...Object.keys(ELECTION_SCHEMAS), ...Object.keys(DELEGATION_SCHEMAS)] as readonly (keyof typeof PROPOSAL_SCHEMAS | keyof typeof COMMENT_SCHEMAS | keyof typeof ELECTION_SCHEMAS | keyof typeof DELEGATION_SCHEMAS)[],
  records: Object.keys(RECORD_SCHEMAS) as readonly (keyof typeof RECORD_SCHEMAS)[],
  contracts: [...Object.keys(TEMPLATE_SCHEMAS), ...Object.keys(CONTRACT_SCHEMAS)] as readonly (keyof typeof TEMPLATE_SCHEMAS | keyof typeof CONTRACT_SCHEMAS)[],
  moderation: Object.keys(MODERATION_SCHEMAS) as readonly (keyof typeof MODERATION_SCHEMAS)[],
  arbitration: Object.keys(ARBITRATION_SCHEMAS) as readonly (keyof typeof ARBITRATION_SCHEMAS)[],
} as const;

export type EventType = (typeof ALL_EVENT_TYPES)[keyof typeof ALL_EVENT_TYPES][number];

export const EVENT_TYPES: readonly EventType[] = Object.values(ALL_EVENT_TYPES).flat();

const registry = createEventRegistry({ ...MEMBER_SCHEMAS, ...PROPOSAL_SCHEMAS, ...COMMENT_SCHEMAS, ...ELECTION_SCHEMAS, ...DELEGATION_SCHEMAS, ...RECORD_SCHEMAS, ...TEMPLATE_SCHEMAS, ...CONTRACT_SCHEMAS, ...MODERATION_SCHEMAS, ...ARBITRATION_SCHEMAS });

export const schemaVersionOf = (type: string): number => registry.schemaVersionOf(type);
export const validateEvent = (type: string, data: unknown): string[] => registry.validate(type, data);
export const upcast = (type: string, schemaVersion: number, data: unknown): unknown => registry.upcast(type, schemaVersion, data);
export const upcastEvent = <E extends StoredEvent>(event: E): E => registry.upcastEvent(event);
