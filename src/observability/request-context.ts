import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling a request carries. */
export interface RequestContext {
  correlationId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The correlation id of the request being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}
