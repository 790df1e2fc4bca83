import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PG_POOL } from '../database/database.providers.js';
import { ProjectionsService } from '../projections/projections.service.js';

interface Readiness {
  status: 'ok';
  projections: { name: string; state: string; lag: number; lagSeconds: number }[];
}

@ApiTags('operators')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionsService,
  ) {}

  /** Liveness: the process answers (it does not touch the database). */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers, no projection has failed, and none is more than
   * READY_MAX_LAG_EVENTS events behind the head. Otherwise 503 problem+json saying why.
   */
  @Get()
  @ApiOkResponse({ description: 'Ready: database reachable, no projection failed, lag under the bound.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready (problem+json): the detail says why.' })
  async ready(): Promise<Readiness> {
    try {
      await this.pool.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database unreachable');
    }
    const projections = await this.projections.status();
    const failed = projections.filter((p) => p.status === 'failed');
    if (failed.length > 0) {
      throw new ServiceUnavailableException(`projection failed: ${failed.map((p) => `${p.name} at position ${p.position}: ${p.error ?? ''}`).join('; ')}`);
    }
    const bound = this.config.readyMaxLagEvents;
    // A projection rebuilding its next version still answers from its complete current tables:
    // taking the API out of service for it would turn a zero-downtime rebuild into downtime.
    const behind = projections.filter((p) => p.lag > bound && p.state !== 'rebuilding');
    if (behind.length > 0) {
      throw new ServiceUnavailableException(`projection lag over READY_MAX_LAG_EVENTS (${bound}): ${behind.map((p) => `${p.name} ${p.lag} events behind`).join(', ')}`);
    }
    return { status: 'ok', projections: projections.map((p) => ({ name: p.name, state: p.state, lag: p.lag, lagSeconds: p.lagSeconds })) };
  }
}
