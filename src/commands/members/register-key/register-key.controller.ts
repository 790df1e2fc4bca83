import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { RegisterKeyDto, RegisterKeyResult } from './register-key.dto.js';
import { RegisterKeyRequest } from './register-key.handler.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('members/me/keys')
export class RegisterKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an Ed25519 public key for signing acts.' })
  @ApiCreatedResponse({ type: RegisterKeyResult })
  register(@Meta() meta: CommandMeta, @Body() body: RegisterKeyDto): Promise<RegisterKeyResult> {
    return this.commands.execute(new RegisterKeyRequest(meta.actor, body.publicKey, body.act, meta));
  }
}
