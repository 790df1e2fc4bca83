import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../../identity/auth.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { CommandResult } from '../../../shared/command-result.js';
import { DeclareCandidacyDto } from './declare-candidacy.dto.js';
import { DeclareCandidacyRequest } from './declare-candidacy.handler.js';

@ApiTags('elections')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('elections/:electionId/candidacies')
export class DeclareCandidacyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Stand for election (a verified member, signed) until nominations close.' })
  @ApiCreatedResponse({ type: CommandResult })
  declare(@Meta() meta: CommandMeta, @Param('electionId', uuidParam('electionId')) electionId: string, @Body() body: DeclareCandidacyDto): Promise<CommandResult> {
    return this.commands.execute(new DeclareCandidacyRequest(electionId, body.statement, body.act, meta));
  }
}
