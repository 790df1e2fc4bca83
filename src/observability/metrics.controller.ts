import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { ProjectionsService } from '../projections/projections.service.js';
import { Metrics } from './metrics.js';

/** Prometheus scrape endpoint (text exposition format), outside the /api prefix. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(): Promise<string> {
    this.metrics.setProjections(await this.projections.status());
    return this.metrics.registry.metrics();
  }
}
