import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

/** Where the tlog-proof receipt of the event at a ledger index is served (leaf index = position). */
export const receiptPath = (position: number): string => `/api/ledger/receipts/${position}`;

const isCommandAnswer = (body: unknown): body is { positions: number[] } =>
  typeof body === 'object' && body !== null && Array.isArray((body as { positions?: unknown }).positions);

/**
 * Every command answer tells where the receipts of its events will be (DESIGN §7): a `receipts`
 * list beside `positions`, and a `Link` header per receipt. A receipt is served once a signed
 * checkpoint covers the event (404 until then), usually within a few seconds.
 */
@Injectable()
export class ReceiptLinksInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || context.switchToHttp().getRequest<Request>().method !== 'POST') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (!isCommandAnswer(body) || body.positions.length === 0) return body;
        const receipts = body.positions.map(receiptPath);
        if (!response.headersSent) response.setHeader('Link', receipts.map((r) => `<${r}>; rel="receipt"`).join(', '));
        return { ...body, receipts };
      }),
    );
  }
}
