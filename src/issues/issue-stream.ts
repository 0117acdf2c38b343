import { aggregateStream, type AggregatedStream } from '../command-handling/aggregate-stream';
import type { StreamType } from '../command-handling/decider';
import type { EventStore } from '../event-store/event-store';
import { issueStreamId, schemaVersionOf, type IssueEvent } from './domain/issue-events';
import { evolveIssue, initialIssueState, type IssueState } from './domain/issue-state';
import { upcastIssueEvent } from './domain/issue-upcasters';

/**
 * The issue aggregate as the generic command path sees it: how its state folds from its
 * events, and how those events are versioned and upcast. Defined once, for the command
 * handler and every other reader of an issue's stream.
 */
export const issueStream: StreamType<IssueEvent, IssueState> = {
  initialState: initialIssueState,
  evolve: evolveIssue,
  schemaVersionOf,
  upcast: upcastIssueEvent,
};

/** An issue's stream as today's shapes, and the decider state folded from it. */
export type IssueStream = AggregatedStream<IssueState>;

/** Reads one issue's stream, upcasts it and folds the decider's state (the escalation scheduler starts here). */
export function readIssueStream(store: EventStore, issueId: string): Promise<IssueStream> {
  return aggregateStream(store, issueStreamId(issueId), issueStream);
}
