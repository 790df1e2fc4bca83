/** A member's signed act: the exact command they signed and their Ed25519 signature over it. */
export interface SignedAct {
  /** The command as signed, including `command` (its type), `actor`, `keyId`, `issuedAt` and `nonce`. */
  command: Record<string, unknown> & { command: string; actor: string; keyId: string };
  /** Base64url Ed25519 signature over the RFC 8785 canonical JSON of `command`. */
  signature: string;
}

export interface EventMeta {
  /** Member id, or `system` for derived events. */
  actor: string;
  correlationId: string;
  causationId: string;
  /** ISO 8601 instant, taken from the command's metadata. */
  occurredAt: string;
}

/** What a writer hands to the store: everything but the positions the store assigns. */
export interface NewEvent<T extends string = string, D = unknown> {
  /** UUIDv7; the idempotency key of the event. */
  id: string;
  type: T;
  schemaVersion: number;
  data: D;
  meta: EventMeta;
  act?: SignedAct;
}

/** The stored envelope: what readers see and what the ledger hashes. */
export interface EventEnvelope<T extends string = string, D = unknown> extends NewEvent<T, D> {
  stream: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** 0-based position in the global order; equal to the event's leaf index in the ledger. */
  position: number;
}

/** A domain event before it is wrapped: the decider's output. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** Events may be at most this large once encoded (DESIGN §2). */
export const MAX_EVENT_BYTES = 32 * 1024;

/** A domain event as a write model's `evolve` sees it: with its position in the global order. */
export type Recorded<E extends DomainEvent = DomainEvent> = E & { position: number };
