import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { DecideCaseDto } from './decide-case.dto.js';
import { DecideCaseRequest } from './decide-case.handler.js';

@ApiTags('arbitration')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('arbitration/cases/:caseId/decision')
export class DecideCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Decide a case (its assigned arbiter): upheld, rejected or split, with a rationale.' })
  @ApiCreatedResponse({ type: CommandResult })
  decide(@Meta() meta: CommandMeta, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: DecideCaseDto): Promise<CommandResult> {
    return this.commands.execute(new DecideCaseRequest(caseId, body.outcome, body.rationale, body.act, meta));
  }
}
