import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { toTarget } from '../target.dto.js';
import { TakeActionDto } from './take-action.dto.js';
import { TakeActionRequest } from './take-action.handler.js';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('moderation/actions')
export class TakeActionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Hide, restore, remove content, warn or suspend a member (a moderator; a rule and a public reason).' })
  @ApiCreatedResponse({ type: CommandResult })
  act(@Meta() meta: CommandMeta, @Body() body: TakeActionDto): Promise<CommandResult> {
    return this.commands.execute(
      new TakeActionRequest(body.actionId, toTarget(body.target), body.kind, body.rule, body.reason, body.until ?? null, body.resolves, body.act, meta),
    );
  }
}
