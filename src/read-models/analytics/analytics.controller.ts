import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import pg from 'pg';
import { NotFound } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { ANALYTICS_VIEWS, analyticsView, type AnalyticsView } from './analytics-views.js';

/** Rows fetched from the cursor at a time: the export streams, whatever the view's size. */
const FETCH_ROWS = 1000;

const DATE_OID = 1082;
/** Calendar dates stay the strings PostgreSQL sends (`2026-03-01`), not midnights in the server's time zone. */
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig;

export interface AnalyticsViewInfo {
  name: string;
  description: string;
  columns: string[];
  json: string;
  csv: string;
}

const info = (view: AnalyticsView): AnalyticsViewInfo => ({
  name: view.name,
  description: view.description,
  columns: view.columns.map(([name]) => name),
  json: `/api/analytics/${view.name}`,
  csv: `/api/analytics/${view.name}.csv`,
});

/** The analyst views, as JSON and as CSV downloads. Public: they hold only what the public log does. */
@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get()
  @ApiOperation({ summary: 'The analyst views in the `analytics` schema, with their columns and export links.' })
  list(): { items: AnalyticsViewInfo[] } {
    return { items: ANALYTICS_VIEWS.map(info) };
  }

  @Get(':file')
  @ApiParam({ name: 'file', description: 'A view name for JSON rows, or `<name>.csv` for a CSV download.' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: "One view's rows: JSON, or CSV (RFC 4180, header row, UTF-8) when the name ends in `.csv`." })
  async rows(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const csv = file.endsWith('.csv');
    const name = csv ? file.slice(0, -'.csv'.length) : file;
    const view = analyticsView(name);
    if (!view) throw new NotFound('analytics-view', name);
    if (csv) await this.streamCsv(view, response);
    else response.json({ name: view.name, columns: info(view).columns, items: await this.all(view) });
  }

  private async all(view: AnalyticsView): Promise<Record<string, unknown>[]> {
    const { rows } = await this.pool.query<Record<string, unknown>>({ text: `SELECT * FROM analytics.${view.name}`, types });
    return rows;
  }

  /** Streams the view through a cursor in one read-only transaction: a consistent snapshot, bounded memory. */
  private async streamCsv(view: AnalyticsView, response: Response): Promise<void> {
    const client = await this.pool.connect();
    let released = false;
    const release = (error?: Error): void => {
      if (released) return;
      released = true;
      client.release(error);
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`DECLARE export NO SCROLL CURSOR FOR SELECT * FROM analytics.${view.name}`);
      // The first fetch runs before any byte is sent, so a failing view still gets a problem document.
      let batch = await client.query({ text: `FETCH ${FETCH_ROWS} FROM export`, rowMode: 'array', types });
      response.status(200);
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${view.name}.csv"`);
      const csv = stringify({ header: true, columns: view.columns.map(([name]) => name), cast: { date: (d) => d.toISOString(), boolean: (b) => String(b) } });
      csv.pipe(response);
      for (;;) {
        for (const row of batch.rows as unknown[][]) {
          if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
        }
        if (batch.rows.length < FETCH_ROWS) break;
        batch = await client.query({ text: `FETCH ${FETCH_ROWS} FROM export`, rowMode: 'array', types });
      }
      await client.query('COMMIT');
      release();
      csv.end();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      release(error as Error);
      if (!response.headersSent) throw error;
      response.destroy(error as Error);
    }
  }
}
