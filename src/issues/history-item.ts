import type { StoredEvent } from '../event-store/event-store';

/** One event as `GET /issues/:id/history` and `GET /audit` answer it (shared/API.md). */
export interface HistoryItem {
  position: number;
  revision: number;
  type: string;
  data: unknown;
  occurredAt: string;
  recordedAt: string;
  /** Who sent the command: a username, `key:<id>`, `system:escalation`; before sign-in existed, the text the body carried. */
  actor: string;
  /** The sender's role and district when it sent the command; null for events recorded before sign-in existed. */
  actorRole: string | null;
  actorDistrict: string | null;
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
  actorRole: typeof event.metadata.actorRole === 'string' ? event.metadata.actorRole : null,
  actorDistrict: typeof event.metadata.actorDistrict === 'string' ? event.metadata.actorDistrict : null,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  schemaVersion: event.metadata.schemaVersion,
});
