import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '../../event-store/event-store.port.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { memberStream } from '../../events/members/member-events.js';
import { schemaVersionOf, validateEvent } from '../../events/registry.js';
import { AggregateStore, type Appended } from '../shared/aggregate-store.js';
import { memberModel } from './acting-member.js';
import type { MemberState } from './member.state.js';

/** The event that caused a consequence: its id and time become the consequence's causation and time. */
export interface Cause {
  eventId: string;
  occurredAt: string;
  correlationId: string;
}

const MAX_ATTEMPTS = 20;

/**
 * Appends a role change the system derives from a decision on the log. Its event id is fixed by
 * the caller and its metadata comes from the cause, so the envelope is the same however often it
 * is decided: the store keeps the first append and treats a repeat as a no-op (DESIGN §3).
 */
@Injectable()
export class RoleConsequences {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async apply(memberId: string, eventId: string, cause: Cause, decide: (state: MemberState) => MemberEvent[]): Promise<Appended> {
    const stream = memberStream(memberId);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.aggregates.load(stream, memberModel);
      const events = decide(state);
      if (events.length === 0) return { positions: [], position: (await this.store.headPosition()) - 1 };
      if (events.length > 1) throw new Error('a role consequence is one event');
      const [event] = events as [MemberEvent];
      const problems = validateEvent(event.type, event.data);
      if (problems.length > 0) throw new Error(`${event.type} fails its schema: ${problems.join('; ')}`);
      try {
        const result = await this.store.append(
          stream,
          [
            {
              id: eventId,
              type: event.type,
              schemaVersion: schemaVersionOf(event.type),
              data: event.data,
              meta: { actor: 'system', correlationId: cause.correlationId, causationId: cause.eventId, occurredAt: cause.occurredAt },
            },
          ],
          revision < 0 ? 'noStream' : revision,
        );
        return { positions: result.positions, position: result.positions[result.positions.length - 1]! };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
