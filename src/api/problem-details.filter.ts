import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, InvalidInput } from '../commands/shared/domain-errors.js';
import { EventIdConflictError, EventTooLargeError, WrongExpectedRevisionError } from '../event-store/event-store.port.js';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details.js';
import { RequestValidationError } from './validation.js';

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Rule broken',
  503: 'Not ready',
};

/** The one place where errors become HTTP: every response body is RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    // Only the unexpected is an error worth a stack; a 503 (not ready yet) is an answer, not a fault.
    if (problem.status === 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    else if (problem.status === 503) this.logger.warn(`${problem.title}: ${problem.detail ?? ''}`);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      const fields = exception.fields;
      return {
        type: problemType('validation'),
        title: TITLES[400]!,
        status: 400,
        detail: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
        errors: fields,
      };
    }
    if (exception instanceof InvalidInput) {
      return { type: problemType('validation'), title: TITLES[400]!, status: 400, detail: exception.message, code: exception.code, errors: [{ field: exception.field, message: exception.message }] };
    }
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind];
      return { type: problemType(exception.code), title: TITLES[status]!, status, detail: exception.message, code: exception.code };
    }
    if (exception instanceof WrongExpectedRevisionError || exception instanceof EventIdConflictError) {
      return { type: problemType('concurrency'), title: TITLES[409]!, status: 409, detail: exception.message, code: 'concurrency' };
    }
    if (exception instanceof EventTooLargeError) {
      return { type: problemType('event-too-large'), title: TITLES[413]!, status: 413, detail: exception.message, code: 'event-too-large' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      // Body-parser failures (malformed JSON) arrive here as plain 400s.
      if (status === 400) return { type: problemType('malformed'), title: TITLES[400]!, status, detail, errors: [{ field: 'body', message: detail }] };
      if (status === 413) return { type: problemType('too-large'), title: TITLES[413]!, status, detail: 'the body is too large', code: 'too-large' };
      return { type: problemType(`http-${status}`), title: TITLES[status] ?? exception.name, status, detail };
    }
    const parserError = exception as { type?: string; status?: number; message?: string };
    if (parserError?.type === 'entity.parse.failed') {
      return { type: problemType('malformed'), title: TITLES[400]!, status: 400, detail: 'the body is not valid JSON', errors: [{ field: 'body', message: 'the body is not valid JSON' }] };
    }
    if (parserError?.type === 'entity.too.large') {
      return { type: problemType('too-large'), title: TITLES[413]!, status: 413, detail: 'the body is too large' };
    }
    return { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
  }
}
