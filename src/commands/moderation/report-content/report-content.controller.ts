import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { toTarget } from '../target.dto.js';
import { ReportContentDto } from './report-content.dto.js';
import { ReportContentRequest } from './report-content.handler.js';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('moderation/reports')
export class ReportContentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Report a proposal, a comment or a member to the moderators (a signed act; one open report per member and target).' })
  @ApiCreatedResponse({ type: CommandResult })
  report(@Meta() meta: CommandMeta, @Body() body: ReportContentDto): Promise<CommandResult> {
    return this.commands.execute(new ReportContentRequest(body.reportId, toTarget(body.target), body.category, body.note, body.act, meta));
  }
}
