import { BadRequestException, Controller, Get, Header, Inject, NotFoundException, Param, Query, Req, Res, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import pg from 'pg';
import { PG_POOL } from '../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { checkpointAt, checkpointCovering, consistencyProofFromStore, inclusionProofFromStore, latestCheckpoint } from '../integrator/ledger-store.js';
import { LedgerIntegrator } from '../ledger-integrator.service.js';
import { LedgerKeys } from '../ledger-keys.js';
import { formatTlogProof } from '../receipts/tlog-proof.js';
import { envelopesJson } from './events-json.js';

function nonNegative(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new BadRequestException(`${name} is required`);
  }
  const value = Number(raw);
  if (!/^(0|[1-9][0-9]*)$/.test(raw) || !Number.isSafeInteger(value)) throw new BadRequestException(`${name} must be a non-negative integer`);
  return value;
}

const b64 = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

/** The ledger for people and scripts: its key, events by index, inclusion and consistency proofs. */
@ApiTags('ledger')
@Controller('ledger')
export class LedgerApiController implements OnModuleDestroy {
  private readonly tails = new Set<() => void>();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: LedgerKeys,
    private readonly integrator: LedgerIntegrator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The log origin, its public verifier key (Go note form), and the latest checkpoint.' })
  @ApiOkResponse({ description: "{ origin, verifierKey, size, rootHash, checkpoint, integrator } (integrator: this process's runner state)" })
  async info(): Promise<{ origin: string; verifierKey: string; size: number; rootHash: string | null; checkpoint: string | null; integrator: string }> {
    const cp = await latestCheckpoint(this.pool);
    return {
      origin: this.keys.origin,
      verifierKey: this.keys.verifierKey,
      size: cp?.size ?? 0,
      rootHash: cp?.root.toString('base64') ?? null,
      checkpoint: cp?.note ?? null,
      integrator: this.integrator.status,
    };
  }

  @Get('events')
  @ApiOperation({ summary: 'Events by ledger index (= global position): from, limit (at most 1000).' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ description: '{ items: event envelopes, by position }' })
  async events(@Res({ passthrough: true }) res: Response, @Query('from') fromRaw?: string, @Query('limit') limitRaw?: string): Promise<string> {
    const from = nonNegative('from', fromRaw, 0);
    const limit = Math.min(1000, Math.max(1, nonNegative('limit', limitRaw, 100)));
    res.type('application/json');
    // The PostgreSQL event store's documents pass through as stored text: an audit reads every event through here.
    if (this.store instanceof PostgresEventStore) return `{"items":${await envelopesJson(this.pool, from, limit)}}`;
    return JSON.stringify({ items: await this.store.readAll(from, limit) });
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'RFC 6962 inclusion proof of leaf `index` in the tree of a signed checkpoint (`size`, default the smallest covering it).' })
  @ApiQuery({ name: 'index' })
  @ApiQuery({ name: 'size', required: false })
  async inclusion(@Query('index') indexRaw?: string, @Query('size') sizeRaw?: string) {
    const index = nonNegative('index', indexRaw);
    const cp = sizeRaw === undefined ? await checkpointCovering(this.pool, index + 1) : await checkpointAt(this.pool, nonNegative('size', sizeRaw));
    if (!cp || index >= cp.size) throw new NotFoundException(`no signed checkpoint covers leaf ${index}${sizeRaw ? ` at size ${sizeRaw}` : ''}`);
    const hashes = await inclusionProofFromStore(this.pool, index, cp.size);
    return { index, size: cp.size, rootHash: cp.root.toString('base64'), hashes: b64(hashes), checkpoint: cp.note };
  }

  @Get('proofs/consistency')
  @ApiOperation({ summary: 'RFC 6962 consistency proof between two tree sizes (`to` defaults to the latest checkpoint).' })
  @ApiQuery({ name: 'from' })
  @ApiQuery({ name: 'to', required: false })
  async consistency(@Query('from') fromRaw?: string, @Query('to') toRaw?: string) {
    const from = nonNegative('from', fromRaw);
    const cp = toRaw === undefined ? await latestCheckpoint(this.pool) : await checkpointAt(this.pool, nonNegative('to', toRaw));
    if (!cp) throw new NotFoundException(`no signed checkpoint at size ${toRaw ?? '(latest)'}`);
    if (from > cp.size) throw new BadRequestException(`from ${from} is beyond the tree size ${cp.size}`);
    const hashes = await consistencyProofFromStore(this.pool, from, cp.size);
    return { from, to: cp.size, rootHash: cp.root.toString('base64'), hashes: b64(hashes), checkpoint: cp.note };
  }

  @Get('receipts/:index')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'A C2SP tlog-proof receipt for the event at ledger index `index`, once a signed checkpoint covers it (404 before).' })
  async receipt(@Param('index') indexRaw: string): Promise<string> {
    const index = nonNegative('index', indexRaw);
    const cp = await checkpointCovering(this.pool, index + 1);
    if (!cp) throw new NotFoundException(`event ${index} is not integrated in a signed checkpoint yet`);
    const hashes = await inclusionProofFromStore(this.pool, index, cp.size);
    return formatTlogProof({ index, hashes, checkpoint: cp.note });
  }

  @Get('tail')
  @ApiOperation({
    summary:
      'Live tail (server-sent events): `event: entry` with each event (id = its index) from `from` (default the current size) as signed checkpoints cover it, and `event: checkpoint` with each new checkpoint.',
  })
  @ApiQuery({ name: 'from', required: false })
  async tail(@Query('from') fromRaw: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const start = fromRaw === undefined ? ((await latestCheckpoint(this.pool))?.size ?? 0) : nonNegative('from', fromRaw);
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    let next = start;
    let sentSize = -1;
    let open = true;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      open = false;
      clearTimeout(timer);
      this.tails.delete(stop);
      res.end();
    };
    this.tails.add(stop);
    req.on('close', stop);
    const pump = async (): Promise<void> => {
      try {
        const cp = await latestCheckpoint(this.pool);
        if (cp && cp.size !== sentSize) {
          while (open && next < cp.size) {
            const events = await this.store.readAll(next, Math.min(500, cp.size - next));
            if (events.length === 0) break;
            for (const e of events) res.write(`event: entry\nid: ${e.position}\ndata: ${JSON.stringify(e)}\n\n`);
            next = events[events.length - 1].position + 1;
          }
          if (open) res.write(`event: checkpoint\ndata: ${JSON.stringify({ size: cp.size, rootHash: cp.root.toString('base64'), checkpoint: cp.note })}\n\n`);
          sentSize = cp.size;
        }
      } catch {
        if (open) stop();
        return;
      }
      if (open) timer = setTimeout(() => void pump(), 500);
    };
    await pump();
  }

  onModuleDestroy(): void {
    for (const stop of [...this.tails]) stop();
  }
}
