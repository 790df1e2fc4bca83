import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { Unauthenticated } from '../commands/shared/domain-errors.js';

export interface AuthenticatedMember {
  memberId: string;
}

type AuthedRequest = Request & { member?: AuthenticatedMember };

/** Requires a valid bearer access token; roles are not in the token, they are read from the log. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) throw new Unauthenticated('missing-token', 'an Authorization: Bearer <access token> header is required');
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string }>(token);
      request.member = { memberId: payload.sub };
      return true;
    } catch {
      throw new Unauthenticated('bad-token', 'the access token is invalid or expired');
    }
  }
}

/** The member the access token names (use behind JwtAuthGuard). */
export const CurrentMember = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedMember => {
  const member = context.switchToHttp().getRequest<AuthedRequest>().member;
  if (!member) throw new Unauthenticated('missing-token', 'authentication required');
  return member;
});
