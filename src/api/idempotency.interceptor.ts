import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import pg from 'pg';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Conflict, InvalidInput, RuleBroken } from '../commands/shared/domain-errors.js';
import { canonicalJson, sha256 } from '../events/canonical.js';
import { PG_POOL } from '../database/database.providers.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * On command controllers only (never on login, whose answer is a secret). `Idempotency-Key`: the first response to a command is kept; a retry with the same key and the
 * same request gets it again and appends nothing. A failed first attempt is forgotten, so a
 * retry after an error runs the command again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { member?: { memberId: string } }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.run(request, context.switchToHttp().getResponse<Response>(), key, next));
  }

  private async run(request: Request & { member?: { memberId: string } }, response: Response, key: string, next: CallHandler): Promise<unknown> {
    if (!KEY_PATTERN.test(key)) throw new InvalidInput('Idempotency-Key', 'Idempotency-Key must be 1 to 255 printable ASCII characters');
    const actor = request.member?.memberId ?? 'anonymous';
    const requestHash = sha256(canonicalJson({ method: request.method, path: request.originalUrl, body: request.body ?? null })).toString('base64url');
    const inserted = await this.pool.query('INSERT INTO api.idempotency (actor, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [actor, key, requestHash]);
    if (inserted.rowCount === 0) {
      const { rows } = await this.pool.query<{ request_hash: string; status_code: number | null; body: unknown }>(
        'SELECT request_hash, status_code, body FROM api.idempotency WHERE actor = $1 AND key = $2',
        [actor, key],
      );
      const stored = rows[0];
      if (!stored) return this.run(request, response, key, next);
      if (stored.request_hash !== requestHash) throw new RuleBroken('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
      if (stored.status_code === null) throw new Conflict('request-in-progress', 'a request with this Idempotency-Key is still being processed');
      response.status(stored.status_code).setHeader('Idempotent-Replayed', 'true');
      return stored.body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.pool.query('UPDATE api.idempotency SET status_code = $3, body = $4 WHERE actor = $1 AND key = $2', [actor, key, response.statusCode, JSON.stringify(body ?? null)]);
      return body;
    } catch (error) {
      await this.pool.query('DELETE FROM api.idempotency WHERE actor = $1 AND key = $2', [actor, key]);
      throw error;
    }
  }
}
