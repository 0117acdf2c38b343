import type { StoredEvent } from '../../src/event-store/event-store';
import { isIdentityStream } from '../../src/identity/domain/identity-streams';
import { toHistoryItem, type HistoryItem } from '../../src/issues/history-item';
import { issueIdOf } from '../../src/issues/domain/stored-issue-event';

/**
 * One audit entry: the history item of an event plus where it belongs. (Mapped from the
 * HistoryItem interface so it is a plain object type the read store accepts as a Doc.)
 */
export type AuditDoc = { [K in keyof HistoryItem]: HistoryItem[K] } & {
  id: string;
  issueId: string | null;
  district: string | null;
  /** `identity` for users, keys and sign-ins (read by admin and supervisor); absent for issues. */
  area?: 'identity';
};

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
 * The audit entry of one event. Later issue events do not repeat the district, so the caller
 * passes the district remembered from the issue's IssueReported.
 */
export function toAuditDoc(event: StoredEvent, knownDistrict: string | null): AuditDoc {
  if (isIdentityStream(event.streamId)) {
    const item = toHistoryItem(event);
    return {
      id: auditId(event.position),
      ...item,
      data: withoutSecrets(item.data),
      issueId: null,
      district: null,
      area: 'identity',
    };
  }
  return {
    id: auditId(event.position),
    ...toHistoryItem(event),
    issueId: issueIdOf(event),
    district: districtNamedBy(event) ?? knownDistrict,
  };
}
