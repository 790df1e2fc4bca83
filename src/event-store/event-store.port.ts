import type { EventEnvelope, NewEvent } from '../events/envelope.js';

/** `any` skips the check; `noStream` requires a new stream; `exists` requires at least one event; a number is the revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'noStream' | 'exists' | number;

export interface AppendResult {
  /** Revision of the last event appended (or, for an idempotent replay, of the last original). */
  nextRevision: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
}

export interface ReadAllOptions {
  /** Only events of these types (the position still advances past the others). */
  types?: readonly string[];
}

export interface Subscription extends AsyncIterable<EventEnvelope> {
  close(): Promise<void>;
}

/** The one interface every event store adapter implements (DESIGN §3). */
export interface EventStore {
  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (inclusive), in revision order. */
  readStream(stream: string, fromRevision?: number): Promise<EventEnvelope[]>;
  /** Up to `maxCount` events of the global order from `fromPosition` (inclusive). */
  readAll(fromPosition: number, maxCount: number, options?: ReadAllOptions): Promise<EventEnvelope[]>;
  /** Position the next appended event will get: the number of events visible in the global order. */
  headPosition(): Promise<number>;
  /** Catch-up from `fromPosition` (inclusive), then live, until closed. */
  subscribe(fromPosition: number): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'noStream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The same event id was appended before with different content. */
export class EventIdConflictError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} was already appended with different content`);
    this.name = 'EventIdConflictError';
  }
}

export class EventTooLargeError extends Error {
  constructor(readonly eventId: string, readonly bytes: number) {
    super(`event ${eventId} is ${bytes} bytes encoded; the limit is 32768`);
    this.name = 'EventTooLargeError';
  }
}
