import { v7 as uuidv7 } from 'uuid';

/**
 * What every command carries besides its own fields: who, when, and which ids to use.
 * Deciders never read the clock or generate ids; they take them from here.
 */
export interface CommandMeta {
  /** Member id of the issuer, or `system`. */
  actor: string;
  /** The instant the command is decided at, as the server saw it. */
  now: Date;
  correlationId: string;
}

/** Metadata stamped at the edge (a controller, the closer, the seed): the one place the clock is read. */
export function metaAt(actor: string, now: Date, correlationId: string = uuidv7()): CommandMeta {
  return { actor, now, correlationId };
}
