import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentMember, JwtAuthGuard, type AuthenticatedMember } from '../../../identity/auth.js';
import { metaAt } from '../../shared/command-meta.js';
import { RegisterKeyDto, RegisterKeyResult } from './register-key.dto.js';
import { RegisterKeyRequest } from './register-key.handler.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('members/me/keys')
export class RegisterKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an Ed25519 public key for signing acts.' })
  @ApiCreatedResponse({ type: RegisterKeyResult })
  register(@CurrentMember() member: AuthenticatedMember, @Body() body: RegisterKeyDto): Promise<RegisterKeyResult> {
    return this.commands.execute(new RegisterKeyRequest(member.memberId, body.publicKey, body.act, metaAt(member.memberId)));
  }
}
