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
