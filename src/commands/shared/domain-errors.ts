/**
 * Typed domain errors. Deciders and handlers throw these; one exception filter maps each kind to
 * its HTTP status and an RFC 9457 problem document (src/api/problem-details.filter.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rule' | 'unavailable';
  /** Stable machine-readable code, e.g. `vote-after-close`. */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed; `field` names the offending field (400). */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid-input', message);
  }
}

/** No valid identity: missing token, wrong password, a signature that does not verify (401). */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Identity known, but not allowed to do this (403). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(what: string, id: string) {
    super(`${what}-not-found`, `${what} ${id} does not exist`);
  }
}

/** A concurrent change or a duplicate (409). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** A rule of the community is broken: voting after close, voting twice, ... (422). */
export class RuleBroken extends DomainError {
  readonly kind = 'rule';
}

/** A read model has not reached a position in time; the caller may retry (503). */
export class ProjectionBehind extends DomainError {
  readonly kind = 'unavailable';
  constructor(projection: string, position: number) {
    super('projection-behind', `the ${projection} read model has not reached position ${position} yet; retry shortly`);
  }
}
