import type { DomainEvent, Recorded } from '../../src/events/envelope.js';

export interface Decider<S, C, E extends DomainEvent> {
  initialState: S;
  evolve(state: S, event: Recorded<E>): S;
  decide(state: S, command: C): E[];
}

/**
 * given(events).when(command).then(events) for a pure decider. Given events get positions
 * 0, 1, 2, ... unless a position is set on them.
 */
export function specFor<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(events: (E | Recorded<E>)[] = []) {
      const state = events.reduce<S>(
        (s, e, i) => decider.evolve(s, { position: i, ...e } as Recorded<E>),
        decider.initialState,
      );
      return {
        state,
        when(command: C) {
          const run = () => decider.decide(state, command);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorType: abstract new (...args: never[]) => Error, code?: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorType);
              if (code !== undefined) expect((thrown as { code?: string }).code).toBe(code);
            },
          };
        },
      };
    },
  };
}
