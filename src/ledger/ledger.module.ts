import { Module } from '@nestjs/common';
import { LedgerApiController } from './http/ledger-api.controller.js';
import { LedgerTilesController } from './http/ledger-tiles.controller.js';
import { LedgerIntegrator } from './ledger-integrator.service.js';
import { LedgerKeys } from './ledger-keys.js';

/** The public ledger: tiles and checkpoint under /ledger, proofs and events under /api/ledger (ADR 0005). */
@Module({ controllers: [LedgerTilesController, LedgerApiController], providers: [LedgerKeys, LedgerIntegrator], exports: [LedgerKeys] })
export class LedgerModule {}
