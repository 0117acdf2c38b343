/**
 * Emmett-style specifications for any decider, `given(pastEvents).when(command).then(events)`
 * or `.thenThrows(ErrorClass, text)`. The past is folded with the aggregate's real `evolve`,
 * so a spec exercises the state too. (The issue specs keep their own `given-when-then.ts`,
 * which binds the issue decider's extra arguments.)
 */
type ErrorClass = abstract new (...args: never[]) => Error;

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  const fold = (events: Event[]): State => events.reduce(decider.evolve, decider.initialState());
  const given = (events: Event[]) => ({
    when: (command: Command) => {
      const decide = (): Event[] => decider.decide(command, fold(events));
      return {
        then: (expected: Event[]): void => {
          expect(decide()).toEqual(expected);
        },
        thenThrows: (errorClass: ErrorClass, messageSubstring?: string): Error => {
          let caught: unknown;
          try {
            decide();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass);
          if (messageSubstring !== undefined) expect((caught as Error).message).toContain(messageSubstring);
          return caught as Error;
        },
      };
    },
  });
  return { given, fold };
}
