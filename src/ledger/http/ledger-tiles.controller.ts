import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import pg from 'pg';
import { PG_POOL } from '../../database/database.providers.js';
import { parseTilePath } from '../tiles/tiles.js';
import { readEntryBundle } from '../integrator/ledger-entries.js';
import { latestCheckpoint, readTile } from '../integrator/ledger-store.js';
import { LedgerKeys } from '../ledger-keys.js';

/** Checkpoints live a few seconds in caches; tiles and bundles never change once served. */
export const CHECKPOINT_CACHE = 'public, max-age=2';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * The static read API of c2sp.org/tlog-tiles under `/ledger` (outside the `/api` prefix):
 * `checkpoint`, `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`.
 */
@ApiExcludeController()
@Controller('ledger')
export class LedgerTilesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly keys: LedgerKeys,
  ) {}

  @Get('checkpoint')
  async checkpoint(@Res() res: Response): Promise<void> {
    const cp = await latestCheckpoint(this.pool);
    if (!cp) throw new NotFoundException('no checkpoint yet: the log is empty');
    res.status(200).set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': CHECKPOINT_CACHE }).send(cp.note);
  }

  @Get('tile/*path')
  async tile(@Req() req: Request, @Res() res: Response): Promise<void> {
    const rest = req.path.replace(/^.*?\/ledger\/tile\//, '');
    const parsed = parseTilePath(rest);
    if (!parsed) throw new NotFoundException(`not a tile path: ${rest}`);
    let body: Buffer | undefined;
    if (parsed.level === 'entries') {
      body = await readEntryBundle(this.keys.entries, this.pool, parsed.index, parsed.width);
    } else if (parsed.level < 64) {
      // Only tiles of trees that exist (level L never holds a hash beyond the tree).
      body = await readTile(this.pool, parsed.level, parsed.index, parsed.width);
    }
    if (!body) throw new NotFoundException(`tile ${rest} does not exist (yet)`);
    // A tile path names immutable content, so the path is its entity tag (and the body is not hashed for one).
    res.status(200).set({ 'Content-Type': 'application/octet-stream', 'Cache-Control': IMMUTABLE_CACHE, ETag: `"${rest}"` }).send(body);
  }
}

