import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsService, type ProjectionStatus } from './projections.service.js';

@ApiTags('operators')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOkResponse({ description: 'Every projection with its version, position, the log head, lag in events and seconds, checkpoint status, state (running, rebuilding, paused, failed, stopped, not-started) with the error, and what this process runs of it.' })
  async list(): Promise<{ items: ProjectionStatus[] }> {
    return { items: await this.projections.status() };
  }
}
