import type { EventStore, StoredEvent } from '../event-store/event-store';
import { InvalidQueryError } from '../ports/invalid-query-error';
import { decodeCursor, encodeCursor, pageLimit } from '../ports/page-cursor';
import { issueStreamId } from './domain/issue-events';
import { upcastIssueEvent } from './domain/issue-upcasters';

/** One page of an issue's history, and where the next one starts (null on the last page). */
export interface HistoryPage {
  events: StoredEvent[];
  nextCursor: string | null;
}

/**
 * The issue's events after the cursor's revision, at most `limit` of them (default 50, at most
 * 500), read from the log by revision, so a page costs its own size however long the issue
 * is. The cursor is the board's codec (base64url JSON, checked on the way back in) holding the
 * last revision given out and the issue's id: a cursor of another issue, or one this server
 * did not give out, is refused with 400 naming `cursor`.
 */
export async function readHistoryPage(
  store: EventStore,
  issueId: string,
  query: { limit?: number; cursor?: string },
): Promise<HistoryPage> {
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? -1 : revisionIn(query.cursor, issueId);
  // One more than asked tells whether another page follows, without a count.
  const read = await store.readStream(issueStreamId(issueId), {
    fromRevision: after + 1,
    maxCount: limit + 1,
  });
  const events = read.slice(0, limit).map(upcastIssueEvent);
  const last = events[events.length - 1];
  return { events, nextCursor: read.length > limit ? encodeCursor([last.revision, issueId]) : null };
}

function revisionIn(cursor: string, issueId: string): number {
  const [revision, id] = decodeCursor(cursor, 2);
  if (id !== issueId || typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw new InvalidQueryError('cursor', 'is not a cursor this history gave out; start again without it');
  }
  return revision;
}

/** The `Link` header of a page that has a next one (RFC 8288), relative to the server. */
export const nextPageLink = (issueId: string, limit: number | undefined, nextCursor: string): string =>
  `</issues/${encodeURIComponent(issueId)}/history?limit=${pageLimit(limit)}&cursor=${nextCursor}>; rel="next"`;
