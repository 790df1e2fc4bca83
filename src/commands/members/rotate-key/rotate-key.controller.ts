import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { AttestKeyRotationDto, RotateKeyDto, RotateKeyResult } from './rotate-key.dto.js';
import { AttestKeyRotationRequest, RotateKeyRequest } from './rotate-key.handler.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('members/me/key-rotations')
export class RotateKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Replace a key you hold: the old key signs the act, the new key signs the same act (possession).' })
  @ApiCreatedResponse({ type: RotateKeyResult })
  rotate(@Meta() meta: CommandMeta, @Body() body: RotateKeyDto): Promise<RotateKeyResult> {
    return this.commands.execute(new RotateKeyRequest(meta.actor, body.publicKey, body.possession, body.act, meta));
  }
}

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('members/:memberId/attested-key-rotations')
export class AttestKeyRotationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "A verifier replaces a member's lost key; the member's new key signs the same act (possession)." })
  @ApiCreatedResponse({ type: RotateKeyResult })
  attest(@Meta() meta: CommandMeta, @Param('memberId', uuidParam('memberId')) memberId: string, @Body() body: AttestKeyRotationDto): Promise<RotateKeyResult> {
    return this.commands.execute(new AttestKeyRotationRequest(memberId, body.oldKeyId, body.publicKey, body.possession, body.act, meta));
  }
}
