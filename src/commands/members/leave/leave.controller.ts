import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { LeaveDto } from './leave.dto.js';
import { LeaveRequest } from './leave.handler.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('members/me/leave')
export class LeaveController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Leave the community (a signed act): email, password and verification evidence are erased; the log stays as it is.' })
  @ApiCreatedResponse({ type: CommandResult })
  leave(@Meta() meta: CommandMeta, @Body() body: LeaveDto): Promise<CommandResult> {
    return this.commands.execute(new LeaveRequest(meta.actor, body.act, meta));
  }
}
