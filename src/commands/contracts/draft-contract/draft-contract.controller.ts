import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { DraftContractDto } from './draft-contract.dto.js';
import { DraftContractRequest } from './draft-contract.handler.js';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('contracts')
export class DraftContractController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft a contract from a template version (a signed act of a verified party); the document is rendered, stored off the log, and its SHA-256 logged.' })
  @ApiCreatedResponse({ type: CommandResult })
  draft(@Meta() meta: CommandMeta, @Body() body: DraftContractDto): Promise<CommandResult> {
    const { contractId, templateId, templateVersion, parties, signingOrder, visibility, fields, salt } = body;
    return this.commands.execute(
      new DraftContractRequest(
        { contractId, templateId, templateVersion, parties: parties.map((p) => ({ memberId: p.memberId, role: p.role })), signingOrder, visibility, values: fields, salt },
        body.act,
        meta,
      ),
    );
  }
}
