import type { StoredEvent } from '../../src/event-store/event-store';
import { isIdentityStream } from '../../src/identity/domain/identity-streams';
import { toHistoryItem, type HistoryItem } from '../../src/issues/history-item';
import { issueIdOf } from '../../src/issues/domain/stored-issue-event';

/**
 * One audit index entry: where an event is in the log, and the fields GET /audit filters by.
 * The event itself stays in the log and is read from there when a page is answered: entries
 * that copied each event's history item made the audit trail 100 of the read models' 191 MB
 * at 200,000 events, and its indexes parsed all of it. (A type, not an interface, so it is a
 * plain object type the read store accepts as a Doc.)
 */
export type AuditEntry = {
  position: number;
  type: string;
  /** Business time: what `from` and `to` filter on. */
  occurredAt: string;
  actor: string;
  issueId: string | null;
  district: string | null;
  /** `identity` for users, keys and sign-ins (read by admin and supervisor); absent for issues. */
  area?: 'identity';
};

/** What GET /audit answers per event: its history item (without secrets) plus issueId and district. */
export type AuditItem = HistoryItem & { issueId: string | null; district: string | null };

/** Fields that never leave the store, whoever reads the audit trail. */
const SECRET_FIELDS = ['passwordHash', 'keyHash', 'key'];

const withoutSecrets = (data: unknown): unknown =>
  data && typeof data === 'object' && !Array.isArray(data)
    ? Object.fromEntries(Object.entries(data).filter(([field]) => !SECRET_FIELDS.includes(field)))
    : data;

/** Document ids are positions padded to 15 digits, so id order is log order. */
export const auditId = (position: number): string => String(position).padStart(15, '0');

/** The district an event itself names (IssueReported does; later issue events do not). */
export function districtNamedBy(event: StoredEvent): string | null {
  const district = (event.data as { district?: unknown } | null)?.district;
  return typeof district === 'string' ? district : null;
}

/**
 * The audit index entry of one event. Later issue events do not repeat the district, so the
 * caller passes the district remembered from the issue's IssueReported.
 */
export function toAuditEntry(event: StoredEvent, knownDistrict: string | null): AuditEntry {
  const { position, type, metadata } = event;
  const { occurredAt, actor } = metadata;
  // Literals rather than one spread onto another: one per event of a rebuild.
  return isIdentityStream(event.streamId)
    ? { position, type, occurredAt, actor, issueId: null, district: null, area: 'identity' }
    : {
        position,
        type,
        occurredAt,
        actor,
        issueId: issueIdOf(event),
        district: districtNamedBy(event) ?? knownDistrict,
      };
}

/** The answer for one event of the log and its index entry. */
export function toAuditItem(event: StoredEvent, entry: Pick<AuditEntry, 'issueId' | 'district'>): AuditItem {
  const item = toHistoryItem(event);
  return {
    ...item,
    data: isIdentityStream(event.streamId) ? withoutSecrets(item.data) : item.data,
    issueId: entry.issueId,
    district: entry.district,
  };
}
