import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { RevokeDelegationDto } from './revoke-delegation.dto.js';
import { RevokeDelegationRequest } from './revoke-delegation.handler.js';

@ApiTags('governance')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('delegations/revocations')
export class RevokeDelegationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Take back one\'s delegation for a topic, or the general one (a signed act).' })
  @ApiCreatedResponse({ type: CommandResult })
  revoke(@Meta() meta: CommandMeta, @Body() body: RevokeDelegationDto): Promise<CommandResult> {
    return this.commands.execute(new RevokeDelegationRequest(body.topic ?? null, body.act, meta));
  }
}
