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
import { DecideAppealDto } from './decide-appeal.dto.js';
import { DecideAppealRequest } from './decide-appeal.handler.js';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('moderation/actions/:actionId/appeal/decision')
export class DecideAppealController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Decide an appeal (a moderator other than the one who acted, or an arbiter): uphold, or overturn and reverse the action.' })
  @ApiCreatedResponse({ type: CommandResult })
  decide(@Meta() meta: CommandMeta, @Param('actionId', uuidParam('actionId')) actionId: string, @Body() body: DecideAppealDto): Promise<CommandResult> {
    return this.commands.execute(new DecideAppealRequest(actionId, toTarget(body.target), body.outcome, body.reason, body.act, meta));
  }
}
