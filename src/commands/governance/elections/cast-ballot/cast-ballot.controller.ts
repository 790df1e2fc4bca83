import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../../api/idempotency.interceptor.js';
import { uuidParam } from '../../../../api/uuid-param.js';
import { JwtAuthGuard } from '../../../../identity/auth.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { CommandResult } from '../../../shared/command-result.js';
import { CastBallotDto } from './cast-ballot.dto.js';
import { CastBallotRequest } from './cast-ballot.handler.js';

@ApiTags('elections')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('elections/:electionId/ballots')
export class CastBallotController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Cast or replace a ballot (a signed act) between the close of nominations and the close; the latest counts.' })
  @ApiCreatedResponse({ type: CommandResult })
  cast(@Meta() meta: CommandMeta, @Param('electionId', uuidParam('electionId')) electionId: string, @Body() body: CastBallotDto): Promise<CommandResult> {
    return this.commands.execute(new CastBallotRequest(electionId, body.choices, body.act, meta));
  }
}
