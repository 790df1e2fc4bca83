import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../commands/shared/domain-errors.js';

/** A path id that must be a UUID; a malformed one is a 400 naming the parameter. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput(field, `${field} must be a UUID`) });
}
