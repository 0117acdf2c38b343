import { InvalidCommandError, StateConflictError } from '../../../shared-kernel/domain-errors';
import type { ConveneMeeting } from '../issue-commands';
import type { MeetingConvened } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { assertBusinessTime } from '../time-rules';
import { businessTime, optional, required } from './guards';

/** A coordination meeting, summons or joint inspection on the issue, once per meeting id. */
export function conveneMeeting(command: ConveneMeeting, issue: ExistingIssue): MeetingConvened[] {
  const d = command.data;
  const meetingId = required('meetingId', d.meetingId);
  if (issue.meetingIds.includes(meetingId)) {
    throw new StateConflictError(
      `meeting ${meetingId} is already recorded on issue ${issue.issueId}; use a new meeting id`,
    );
  }
  assertBusinessTime('heldAt', d.heldAt, command.metadata.now);
  // No "not before the report" rule for heldAt: the joint inspection or site meeting that
  // found the problem is often held before the issue is written down.
  const attendees = (d.attendees ?? []).map((a) => required('attendees', a));
  if (attendees.length === 0) throw new InvalidCommandError('attendees', 'name at least one attendee');
  const decisions = (d.decisions ?? []).map((x) => x.trim()).filter((x) => x.length > 0);
  const data = {
    issueId: issue.issueId,
    meetingId,
    kind: d.kind,
    heldAt: d.heldAt.toISOString(),
    convenedBy: required('convenedBy', d.convenedBy),
    attendees,
    summary: optional(d.summary),
    decisions,
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'MeetingConvened', data }];
}
