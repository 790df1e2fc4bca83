import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { SubmitStatementDto } from './submit-statement.dto.js';
import { SubmitStatementRequest } from './submit-statement.handler.js';

@ApiTags('arbitration')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('arbitration/cases/:caseId/statements')
export class SubmitStatementController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit (or amend, until the decision) your statement as a party of the case.' })
  @ApiCreatedResponse({ type: CommandResult })
  submit(@Meta() meta: CommandMeta, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: SubmitStatementDto): Promise<CommandResult> {
    return this.commands.execute(new SubmitStatementRequest(caseId, body.statement, body.act, meta));
  }
}
