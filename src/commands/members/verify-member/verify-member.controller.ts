import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { uuidParam } from '../../../api/uuid-param.js';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../identity/auth.js';
import { CommandResult } from '../../shared/command-result.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { VerifyMemberDto } from './verify-member.dto.js';
import { VerifyMemberRequest } from './verify-member.handler.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('members/:memberId/verification')
export class VerifyMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'A verifier attests that the member is a real, single person; the evidence stays private, the log gets a salted commitment to it.' })
  @ApiCreatedResponse({ type: CommandResult })
  verify(@Meta() meta: CommandMeta, 
    @Param('memberId', uuidParam('memberId')) memberId: string,
    @Body() body: VerifyMemberDto,
  ): Promise<CommandResult> {
    return this.commands.execute(new VerifyMemberRequest(memberId, { method: body.evidence.method, description: body.evidence.description }, body.act, meta));
  }
}
