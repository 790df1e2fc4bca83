import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { PG_POOL } from '../database/database.providers.js';
import { ProjectionsService } from '../projections/projections.service.js';

@ApiTags('operators')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly projections: ProjectionsService,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and no projection has failed. */
  @Get()
  async ready(): Promise<{ status: 'ok'; projections: { name: string; lag: number }[] }> {
    try {
      await this.pool.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database unreachable');
    }
    const projections = await this.projections.status();
    const failed = projections.filter((p) => p.status === 'failed');
    if (failed.length > 0) throw new ServiceUnavailableException(`projection failed: ${failed.map((p) => p.name).join(', ')}`);
    return { status: 'ok', projections: projections.map((p) => ({ name: p.name, lag: p.lag })) };
  }
}
