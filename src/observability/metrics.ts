import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionState, ProjectionStatusRow } from '../projections/checkpoints.js';

export const PROJECTION_STATES: readonly ProjectionState[] = ['running', 'standby', 'rebuilding', 'paused', 'failed', 'not-started', 'stopped'];
const RUNNER_STATES = ['running', 'standby', 'rebuilding', 'paused', 'failed', 'starting', 'stopped', 'not-here'] as const;

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * that several applications in one process (the tests) do not share or clash.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly projectionPosition = new Gauge({
    name: 'civic_projection_position',
    help: 'Next global position the projection will read: every event below it is applied.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly headPosition = new Gauge({
    name: 'civic_event_store_head_position',
    help: 'Position the next appended event will get (the number of events in the global order).',
    registers: [this.registry],
  });
  readonly projectionLagEvents = new Gauge({
    name: 'civic_projection_lag_events',
    help: 'Events appended that the projection has not applied yet.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly projectionLagSeconds = new Gauge({
    name: 'civic_projection_lag_seconds',
    help: 'Age of the oldest event the projection has not applied yet (0 when caught up).',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly projectionState = new Gauge({
    name: 'civic_projection_state',
    help: '1 for the state the projection is in, 0 for the others.',
    labelNames: ['projection', 'state'] as const,
    registers: [this.registry],
  });
  readonly runnerState = new Gauge({
    name: 'civic_projection_runner_state',
    help: "1 for what this process's runner of the projection does (running, standby, paused, failed, starting, stopped, not-here), 0 for the rest.",
    labelNames: ['projection', 'state'] as const,
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'civic_events_appended_total',
    help: 'Events appended to the event store by this process (rate() gives the append rate).',
    registers: [this.registry],
  });
  readonly eventStoreDuration = new Histogram({
    name: 'civic_event_store_operation_duration_seconds',
    help: 'Latency of event store operations.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'civic_http_request_duration_seconds',
    help: 'HTTP request durations by method, route (the matched pattern) and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'civic_' });
  }

  /** Sets the projection gauges from a status read. */
  setProjections(rows: readonly (ProjectionStatusRow & { local?: string })[]): void {
    if (rows.length > 0) this.headPosition.set(rows[0]!.head);
    for (const row of rows) {
      this.projectionPosition.set({ projection: row.name }, row.position);
      this.projectionLagEvents.set({ projection: row.name }, row.lag);
      this.projectionLagSeconds.set({ projection: row.name }, row.lagSeconds);
      for (const state of PROJECTION_STATES) this.projectionState.set({ projection: row.name, state }, row.state === state ? 1 : 0);
      if (row.local !== undefined) {
        for (const state of RUNNER_STATES) this.runnerState.set({ projection: row.name, state }, row.local === state ? 1 : 0);
      }
    }
  }
}
