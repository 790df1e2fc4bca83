import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { OpenCaseDto } from './open-case.dto.js';
import { OpenCaseRequest } from './open-case.handler.js';

@ApiTags('arbitration')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('arbitration/cases')
export class OpenCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Take a disputed transaction or contract to arbitration (a party or a steward) and assign an arbiter who is not a party.' })
  @ApiCreatedResponse({ type: CommandResult })
  open(@Meta() meta: CommandMeta, @Body() body: OpenCaseDto): Promise<CommandResult> {
    return this.commands.execute(new OpenCaseRequest({ kind: body.subject.kind, id: body.subject.id }, body.arbiterId ?? null, body.act, meta));
  }
}
