import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { InstrumentedEventStore } from './instrumented-event-store.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';

const EVENT_STORE_INSTRUMENTATION = Symbol('EventStoreInstrumentation');

/** /metrics, and the measuring of the event store (HTTP is measured by the httpObserver middleware). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: Metrics, useFactory: () => new Metrics() },
    {
      // Instantiated with the providers, before anything appends: the shared store is measured from the start.
      provide: EVENT_STORE_INSTRUMENTATION,
      inject: [EVENT_STORE, Metrics],
      useFactory: (store: EventStore, metrics: Metrics) => InstrumentedEventStore.install(store, metrics),
    },
  ],
  exports: [Metrics],
})
export class ObservabilityModule {}
