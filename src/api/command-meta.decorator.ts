import { createParamDecorator, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { CommandMeta } from '../commands/shared/command-meta.js';
import { CLOCK, type Clock } from '../config/clock.js';

type StampedRequest = Request & { receivedAt?: Date; correlationId?: string; member?: { memberId: string } };

/** Stamps each request with the clock's time and a correlation id (taken from X-Correlation-Id when given). */
@Injectable()
export class RequestStampInterceptor implements NestInterceptor {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<StampedRequest>();
    request.receivedAt = this.clock.now();
    const given = request.header('x-correlation-id');
    request.correlationId = given && /^[\w.:-]{1,128}$/.test(given) ? given : uuidv7();
    return next.handle();
  }
}

/** The command metadata of this request: the authenticated member (or `anonymous`), its time and correlation id. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<StampedRequest>();
  return { actor: request.member?.memberId ?? 'anonymous', now: request.receivedAt ?? new Date(), correlationId: request.correlationId ?? uuidv7() };
});
