import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Meta } from '../../../api/command-meta.decorator.js';
import { RegisterMemberDto, RegisterMemberResult } from './register-member.dto.js';
import { RegisterMemberRequest } from './register-member.handler.js';

@ApiTags('members')
@UseInterceptors(IdempotencyInterceptor)
@Controller('members')
export class RegisterMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Join the community. Email and password stay private; the handle goes on the public log.' })
  @ApiCreatedResponse({ type: RegisterMemberResult })
  register(@Meta() meta: CommandMeta, @Body() body: RegisterMemberDto): Promise<RegisterMemberResult> {
    return this.commands.execute(new RegisterMemberRequest(body.email, body.password, body.handle, meta));
  }
}
