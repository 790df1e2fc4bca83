import type { NextFunction, Request, Response } from 'express';
import type { Logger as Pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Metrics } from './metrics.js';
import { requestContext } from './request-context.js';

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/**
 * Express middleware in front of every route: gives the request its correlation id (the client's
 * X-Correlation-Id when well formed, else a new one, which the request stamp then reads), returns
 * it in the X-Correlation-Id response header, runs the request in a log context carrying it,
 * times it into the HTTP histogram by matched route and status, and logs it when it completes.
 */
export function httpObserver(metrics: Metrics, log: Pino | undefined): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const given = request.header('x-correlation-id');
    const correlationId = given && CORRELATION_ID.test(given) ? given : uuidv7();
    request.headers['x-correlation-id'] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      log?.info(
        { correlationId, method: request.method, url: request.originalUrl, route, status: response.statusCode, durationMs: Math.round(seconds * 1e6) / 1e3 },
        'request completed',
      );
    });
    requestContext.run({ correlationId }, () => next());
  };
}

/** The matched route pattern (e.g. /api/proposals/:proposalId), never the raw path: labels stay few. */
function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl}${route.path}`;
  return 'unmatched';
}
