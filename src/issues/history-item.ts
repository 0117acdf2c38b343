import type { StoredEvent } from '../event-store/event-store';

/** One event as `GET /issues/:id/history` and `GET /audit` answer it (shared/API.md). */
export interface HistoryItem {
  position: number;
  revision: number;
  type: string;
  data: unknown;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  schemaVersion: number;
}

export const toHistoryItem = (event: StoredEvent): HistoryItem => ({
  position: event.position,
  revision: event.revision,
  type: event.type,
  data: event.data,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  schemaVersion: event.metadata.schemaVersion,
});
