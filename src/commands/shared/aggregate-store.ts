import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent, NewEvent, Recorded, SignedAct } from '../../events/envelope.js';
import { schemaVersionOf, upcastEvent, validateEvent } from '../../events/registry.js';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '../../event-store/event-store.port.js';
import type { CommandMeta } from './command-meta.js';
import { StreamLocks } from './stream-locks.js';

/** What `evolve` is given: the (upcast) domain event, its position, and the act that caused it. */
export type HistoryEvent<E extends DomainEvent> = Recorded<E> & { act?: SignedAct };

export interface WriteModel<S, E extends DomainEvent> {
  initialState: S;
  evolve(state: S, event: HistoryEvent<E>): S;
}

export interface Loaded<S> {
  state: S;
  /** Revision of the last event read, or -1 for a stream that does not exist. */
  revision: number;
}

export interface Appended {
  /** Global positions of the appended events; the last one is what read-your-writes waits for. */
  positions: number[];
  /** The position to pass to queries (`atPosition`): the last event's, or the log head when nothing was appended. */
  position: number;
}

const MAX_ATTEMPTS = 20;

/** Loads a stream's write-model state, runs a decision on it, and appends the outcome. */
@Injectable()
export class AggregateStore {
  private readonly locks = new StreamLocks();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<S, E extends DomainEvent>(stream: string, model: WriteModel<S, E>): Promise<Loaded<S>> {
    const events = await this.store.readStream(stream);
    let state = model.initialState;
    for (const stored of events) {
      const event = upcastEvent(stored);
      state = model.evolve(state, { type: event.type, data: event.data, position: event.position, ...(event.act ? { act: event.act } : {}) } as HistoryEvent<E>);
    }
    return { state, revision: events.length - 1 };
  }

  /**
   * load → decide → append with the loaded revision as expected; on a concurrent write from
   * another process the decision is made again on the new state. `decide` is pure, so this is safe.
   */
  async handle<S, E extends DomainEvent>(
    stream: string,
    model: WriteModel<S, E>,
    decide: (state: S) => E[],
    meta: CommandMeta,
    act?: SignedAct,
  ): Promise<Appended> {
    return this.locks.run(stream, async () => {
      for (let attempt = 1; ; attempt++) {
        const { state, revision } = await this.load(stream, model);
        const events = decide(state);
        if (events.length === 0) return { positions: [], position: (await this.store.headPosition()) - 1 };
        try {
          const result = await this.store.append(stream, events.map((e) => this.envelope(e, meta, act)), revision < 0 ? 'noStream' : revision);
          return { positions: result.positions, position: result.positions[result.positions.length - 1]! };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    });
  }

  private envelope(event: DomainEvent, meta: CommandMeta, act: SignedAct | undefined): NewEvent {
    // A decider producing an event its schema refuses is a bug: better to fail than to publish it forever.
    const problems = validateEvent(event.type, event.data);
    if (problems.length > 0) throw new Error(`${event.type} fails its schema: ${problems.join('; ')}`);
    const id = uuidv7();
    return {
      id,
      type: event.type,
      schemaVersion: schemaVersionOf(event.type),
      data: event.data,
      meta: { actor: meta.actor, correlationId: meta.correlationId, causationId: meta.correlationId, occurredAt: meta.now.toISOString() },
      ...(act ? { act } : {}),
    };
  }
}
