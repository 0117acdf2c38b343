import { evolveDeadlineDoc, type DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { AggregateCache } from '../../command-handling/aggregate-cache';
import { loadAggregate } from '../../command-handling/aggregate-stream';
import type { StreamType } from '../../command-handling/decider';
import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { issueStreamId, schemaVersionOf, type IssueEvent } from '../../issues/domain/issue-events';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';

/**
 * An issue's stream as the escalation graph folds it: the decider's state and when each
 * deadline was recorded, exactly as the deadlines read model folds it (so the scheduler, the
 * worker and the reconciler derive the same checks). Its own stream type, so the
 * `AggregateCache` keeps it in entries beside the command handler's.
 */
export const issueDeadlinesStream: StreamType<IssueEvent, DeadlineDoc | null> = {
  initialState: () => null,
  // The fold is handed the stored events themselves (upcast), store time and revision included.
  evolve: (doc, event) => evolveDeadlineDoc(doc, event as unknown as StoredEvent),
  schemaVersionOf,
  upcast: upcastIssueEvent,
};

/**
 * The issue as the log says it now, read through the cache: only the events after the cached
 * revision are read, so a command on a long issue costs the scheduler a few rows, not the
 * stream. Null for an issue that does not exist.
 */
export async function loadIssueDeadlines(
  store: EventStore,
  issueId: string,
  cache?: AggregateCache,
): Promise<DeadlineDoc | null> {
  const { state } = await loadAggregate(store, issueStreamId(issueId), issueDeadlinesStream, cache);
  return state;
}
