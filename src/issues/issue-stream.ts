import type { EventStore, StoredEvent } from '../event-store/event-store';
import { issueStreamId, type IssueEvent } from './domain/issue-events';
import { evolveIssue, initialIssueState, type IssueState } from './domain/issue-state';
import { upcastIssueEvent } from './domain/issue-upcasters';

/** An issue's stream as today's shapes, and the decider state folded from it. */
export interface IssueStream {
  events: StoredEvent[];
  state: IssueState;
}

/** Reads one issue's stream, upcasts it and folds the decider's state: the command handler and the escalation scheduler both start here. */
export async function readIssueStream(store: EventStore, issueId: string): Promise<IssueStream> {
  const events = (await store.readStream(issueStreamId(issueId))).map(upcastIssueEvent);
  const state = events.reduce((s, e) => evolveIssue(s, e as unknown as IssueEvent), initialIssueState());
  return { events, state };
}
