import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Meta } from '../../../api/command-meta.decorator.js';
import { IdempotencyInterceptor } from '../../../api/idempotency.interceptor.js';
import { JwtAuthGuard } from '../../../identity/auth.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { CommandResult } from '../../shared/command-result.js';
import { PublishTemplateDto } from './publish-template.dto.js';
import { PublishTemplateRequest } from './publish-template.handler.js';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('contract-templates')
export class PublishTemplateController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish a contract template version (a signed act of a steward); a published version never changes.' })
  @ApiCreatedResponse({ type: CommandResult })
  publish(@Meta() meta: CommandMeta, @Body() body: PublishTemplateDto): Promise<CommandResult> {
    const { templateId, version, kind, title, fields } = body;
    return this.commands.execute(
      new PublishTemplateRequest(
        { templateId, version, kind, title, body: body.body, fields: fields.map((f) => ({ name: f.name, label: f.label, type: f.type, required: f.required })) },
        body.act,
        meta,
      ),
    );
  }
}
