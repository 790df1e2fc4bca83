import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { toTarget } from '../target.dto.js';
import { AppealActionDto } from './appeal-action.dto.js';
import { AppealActionRequest } from './appeal-action.handler.js';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('moderation/actions/:actionId/appeal')
export class AppealActionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Appeal a moderation action (the affected member, once per action).' })
  @ApiCreatedResponse({ type: CommandResult })
  appeal(@Meta() meta: CommandMeta, @Param('actionId', uuidParam('actionId')) actionId: string, @Body() body: AppealActionDto): Promise<CommandResult> {
    return this.commands.execute(new AppealActionRequest(actionId, toTarget(body.target), body.statement, body.act, meta));
  }
}
