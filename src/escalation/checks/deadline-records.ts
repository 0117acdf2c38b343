import type { StoredEvent } from '../../event-store/event-store';
import { deadlineKey, FIRST_RESPONSE } from '../../issues/domain/deadlines';

/**
 * When the engine learned of each deadline: the store time of the report (for the first
 * response) and of each item's latest assignment or extension, keyed by `deadlineKey` (the
 * item's id, or `first-response`). A deadline that had already passed when it was recorded is history (an
 * import, a record made after the fact), not a live deadline: it is not escalated
 * automatically, or importing a long-closed case would escalate it between its own commands.
 */
export type DeadlineRecords = Record<string, string>;

/** The records after one more stored event of the issue. */
export function recordDeadline(records: DeadlineRecords, event: StoredEvent): DeadlineRecords {
  const data = event.data as { remediationId?: string };
  if (event.type === 'IssueReported') return { ...records, [FIRST_RESPONSE]: event.recordedAt };
  if ((event.type === 'RemediationAssigned' || event.type === 'DeadlineExtended') && data.remediationId) {
    return { ...records, [data.remediationId]: event.recordedAt };
  }
  return records;
}

/** A minute's slack: "due now" recorded a few seconds late is still a live deadline. */
const SLACK_MS = 60_000;

/** Whether a deadline was already past when it was recorded. */
export function pastWhenRecorded(
  records: DeadlineRecords | undefined,
  remediationId: string | null,
  dueAt: Date,
): boolean {
  const recordedAt = records?.[deadlineKey(remediationId)];
  return recordedAt !== undefined && dueAt.getTime() < Date.parse(recordedAt) - SLACK_MS;
}
