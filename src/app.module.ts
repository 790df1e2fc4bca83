import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './api/health.controller.js';
import { RequestStampInterceptor } from './api/command-meta.decorator.js';
import { ProblemDetailsFilter } from './api/problem-details.filter.js';
import { ReceiptLinksInterceptor } from './api/receipt-links.interceptor.js';
import { CommandsModule } from './commands/commands.module.js';
import { systemClock, type Clock } from './config/clock.js';
import type { AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { IntegrationModule } from './integration/integration.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config, clock), EventStoreModule, IdentityModule, ProjectionsModule, ObservabilityModule, CommandsModule, ReadModelsModule, LedgerModule, IntegrationModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestStampInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReceiptLinksInterceptor },
      ],
    };
  }
}
