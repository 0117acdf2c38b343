import type { StreamType } from '../../command-handling/decider';
import type { SuspensionEvent } from './suspension-events';
import { evolveSuspension, initialSuspensionState, type SuspensionState } from './suspension-state';

/** A suspension as the generic command path sees it; every event is at schema version 1. */
export const suspensionStream: StreamType<SuspensionEvent, SuspensionState> = {
  initialState: initialSuspensionState,
  evolve: evolveSuspension,
  schemaVersionOf: () => 1,
};
