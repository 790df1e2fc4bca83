import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { SignContractDto } from './sign-contract.dto.js';
import { SignContractRequest } from './sign-contract.handler.js';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('contracts/:contractId/signatures')
export class SignContractController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign the contract document as a party: an Ed25519 signature over its SHA-256; the last signature executes the contract.' })
  @ApiCreatedResponse({ type: CommandResult })
  sign(@Meta() meta: CommandMeta, @Param('contractId', uuidParam('contractId')) contractId: string, @Body() body: SignContractDto): Promise<CommandResult> {
    return this.commands.execute(new SignContractRequest(contractId, body.documentSha256, body.signature, body.act, meta));
  }
}
