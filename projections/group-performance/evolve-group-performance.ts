import type { StoredEvent } from '../../src/event-store/event-store';
import { asIssueEvent } from '../../src/issues/domain/stored-issue-event';
import type { BucketDelta, GroupPerfDoc, IssueTrackerDoc } from './group-performance-docs';
import { bucketId, shanghaiPeriods } from './periods';

const HOUR_MS = 60 * 60 * 1000;

/** A delta for each of the four period buckets (day, month, quarter, year) of `time`. */
const inPeriods = (
  district: string,
  time: string,
  change: Omit<BucketDelta, 'id' | 'district' | 'period'>,
): BucketDelta[] =>
  shanghaiPeriods(time).map((period) => ({ id: bucketId(district, period), district, period, ...change }));

const latest = (times: string[]): string | null =>
  times.length ? times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : null;

const withDue = (tracker: IssueTrackerDoc, remediationId: string, dueAt: string): IssueTrackerDoc => {
  const dueAts = { ...tracker.dueAts, [remediationId]: dueAt };
  return { ...tracker, dueAts, latestDueAt: latest(Object.values(dueAts)) };
};

/**
 * How one event changes group performance: the issue's tracker after it, and the bucket
 * deltas to apply. Closed on time means closed no later than the latest due time of the
 * issue's items (after extensions), or closed with no items at all.
 */
export function evolveGroupPerformance(
  tracker: IssueTrackerDoc | null,
  stored: StoredEvent,
): { tracker: IssueTrackerDoc | null; deltas: BucketDelta[] } {
  const event = asIssueEvent(stored);
  const unchanged = { tracker, deltas: [] };
  if (!event) return unchanged;
  if (event.type === 'IssueReported') {
    if (tracker) return unchanged;
    const d = event.data;
    return {
      tracker: {
        id: d.issueId,
        district: d.district,
        reportedAt: d.occurredAt,
        dueAts: {},
        latestDueAt: null,
        lastClosure: null,
        position: stored.position,
      },
      deltas: inPeriods(d.district, d.occurredAt, { reported: 1 }),
    };
  }
  if (!tracker || stored.position <= tracker.position) return unchanged;
  const next = { ...tracker, position: stored.position };
  const district = tracker.district;

  switch (event.type) {
    case 'RemediationAssigned':
      return { tracker: withDue(next, event.data.remediationId, event.data.dueAt), deltas: [] };
    case 'DeadlineExtended':
      return { tracker: withDue(next, event.data.remediationId, event.data.newDueAt), deltas: [] };
    case 'MeetingConvened':
      return { tracker: next, deltas: inPeriods(district, event.data.occurredAt, { meetings: 1 }) };
    case 'IssueEscalated':
      return {
        tracker: next,
        deltas: inPeriods(district, event.data.occurredAt, { escalationLevel: event.data.level }),
      };
    case 'IssueClosed': {
      const closedAt = event.data.occurredAt;
      const onTime = next.latestDueAt === null || Date.parse(closedAt) <= Date.parse(next.latestDueAt);
      const hours =
        Math.round(((Date.parse(closedAt) - Date.parse(next.reportedAt)) / HOUR_MS) * 1000) / 1000;
      const deltas = inPeriods(district, closedAt, {
        closed: 1,
        closedOnTime: onTime ? 1 : 0,
        addHours: hours,
      });
      return {
        tracker: { ...next, lastClosure: { buckets: deltas.map((d) => d.period), onTime, hours } },
        deltas,
      };
    }
    case 'IssueReopened': {
      const closure = next.lastClosure;
      if (!closure) return { tracker: next, deltas: [] };
      const deltas = closure.buckets.map((period) => ({
        id: bucketId(district, period),
        district,
        period,
        closed: -1,
        closedOnTime: closure.onTime ? -1 : 0,
        removeHours: closure.hours,
      }));
      return { tracker: { ...next, lastClosure: null }, deltas };
    }
    default:
      return { tracker: next, deltas: [] };
  }
}

export const emptyBucket = (id: string, district: string, period: string): GroupPerfDoc => ({
  id,
  district,
  period,
  reported: 0,
  closed: 0,
  closedOnTime: 0,
  hoursToClose: [],
  escalations: { '1': 0, '2': 0, '3': 0 },
  meetings: 0,
});

/** One bucket after a delta; hoursToClose stays sorted so the median is a lookup. */
export function applyBucketDelta(doc: GroupPerfDoc | null, delta: BucketDelta): GroupPerfDoc {
  const bucket = doc ?? emptyBucket(delta.id, delta.district, delta.period);
  let hours = bucket.hoursToClose;
  if (delta.removeHours !== undefined) {
    const at = hours.indexOf(delta.removeHours);
    if (at >= 0) hours = [...hours.slice(0, at), ...hours.slice(at + 1)];
  }
  if (delta.addHours !== undefined) hours = [...hours, delta.addHours].sort((a, b) => a - b);
  const escalations = { ...bucket.escalations };
  if (delta.escalationLevel) escalations[delta.escalationLevel] += 1;
  return {
    ...bucket,
    reported: bucket.reported + (delta.reported ?? 0),
    closed: bucket.closed + (delta.closed ?? 0),
    closedOnTime: bucket.closedOnTime + (delta.closedOnTime ?? 0),
    hoursToClose: hours,
    escalations,
    meetings: bucket.meetings + (delta.meetings ?? 0),
  };
}
