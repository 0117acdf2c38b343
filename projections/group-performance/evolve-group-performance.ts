import type { StoredEvent } from '../../src/event-store/event-store';
import { asIssueEvent } from '../../src/issues/domain/stored-issue-event';
import type { BucketDelta, GroupPerfDoc, IssueTrackerDoc } from './group-performance-docs';
import { bucketId, shanghaiPeriods } from './periods';

const HOUR_MS = 60 * 60 * 1000;
/** The category the article counts on its own (技术难点堵点). */
const DIFFICULTY = 'technical-difficulty';

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
 * An extension: one more in the period it was granted; and the item's first counts it in the
 * 延期率 of the period it was assigned in (of the items assigned then, the share extended), or
 * of the extension's when the tracker predates assignment times. Deltas on one bucket merge.
 */
function extendedItem(
  tracker: IssueTrackerDoc,
  d: { remediationId: string; occurredAt: string },
): { tracker: IssueTrackerDoc; deltas: BucketDelta[] } {
  const deltas = inPeriods(tracker.district, d.occurredAt, { extensions: 1 });
  const extendedItems = tracker.extendedItems ?? [];
  if (extendedItems.includes(d.remediationId)) return { tracker, deltas };
  const cohort = inPeriods(tracker.district, tracker.assignedAts?.[d.remediationId] ?? d.occurredAt, {
    itemsExtended: 1,
  });
  for (const delta of cohort) {
    const same = deltas.find((x) => x.id === delta.id);
    if (same) same.itemsExtended = 1;
    else deltas.push(delta);
  }
  return { tracker: { ...tracker, extendedItems: [...extendedItems, d.remediationId] }, deltas };
}

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
        category: d.category,
        reportedAt: d.occurredAt,
        dueAts: {},
        latestDueAt: null,
        lastClosure: null,
        position: stored.position,
      },
      deltas: inPeriods(d.district, d.occurredAt, {
        reported: 1,
        ...(d.category === DIFFICULTY && { difficultiesReported: 1 }),
      }),
    };
  }
  if (!tracker || stored.position <= tracker.position) return unchanged;
  const next = { ...tracker, position: stored.position };
  const district = tracker.district;

  switch (event.type) {
    case 'RemediationAssigned': {
      const d = event.data;
      const assignedAts = { ...next.assignedAts, [d.remediationId]: d.occurredAt };
      return {
        tracker: { ...withDue(next, d.remediationId, d.dueAt), assignedAts },
        deltas: inPeriods(district, d.occurredAt, { itemsAssigned: 1 }),
      };
    }
    case 'DeadlineExtended':
      return extendedItem(withDue(next, event.data.remediationId, event.data.newDueAt), event.data);
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
      const difficulty = next.category === DIFFICULTY;
      const deltas = inPeriods(district, closedAt, {
        closed: 1,
        closedOnTime: onTime ? 1 : 0,
        addHours: hours,
        ...(difficulty && { difficultiesResolved: 1 }),
      });
      return {
        tracker: {
          ...next,
          lastClosure: {
            buckets: deltas.map((d) => d.period),
            onTime,
            hours,
            ...(difficulty && { difficulty }),
          },
        },
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
        ...(closure.difficulty && { difficultiesResolved: -1 }),
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
  difficultiesReported: 0,
  difficultiesResolved: 0,
  onSiteDays: 0,
  onSiteByWeek: {},
  activities: {},
  participants: 0,
  practicesAdopted: 0,
  practicesPromoted: 0,
  itemsAssigned: 0,
  itemsExtended: 0,
  extensions: 0,
});

/** Where `value` goes in an ascending list: after every element not greater than it. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * hoursToClose after a delta, still ascending so the median is a lookup: one binary search
 * and one splice per closure or reopening, never a re-sort. A list in `owned` belongs to the
 * caller's batch alone (copied once when the batch first changed it), so it is changed in
 * place: a bucket closed on thousands of times in a batch costs one copy, not one per closure,
 * and the cost per closure no longer grows with the log. Without `owned` the input is never
 * changed.
 */
function changeHours(
  hours: number[],
  add: number | undefined,
  remove: number | undefined,
  owned: WeakSet<number[]> | undefined,
): number[] {
  let next = hours;
  if (!owned?.has(hours)) {
    next = hours.slice();
    owned?.add(next);
  }
  if (remove !== undefined) {
    const at = insertionPoint(next, remove) - 1;
    if (at >= 0 && next[at] === remove) next.splice(at, 1);
  }
  if (add !== undefined) next.splice(insertionPoint(next, add), 0, add);
  return next;
}

const halfDays = (n: number): number => Math.round(n * 2) / 2;

/** A count map with one key moved by `by`; a key that reaches 0 goes away. */
function bump(counts: Record<string, number>, key: string, by: number): Record<string, number> {
  const value = halfDays((counts[key] ?? 0) + by);
  const { [key]: _, ...rest } = counts;
  return value === 0 ? rest : { ...rest, [key]: value };
}

/** A bucket's fields in the order `emptyBucket` gives them, which every stored bucket keeps. */
const BUCKET_FIELDS = Object.keys(emptyBucket('', '', ''));

/** Exactly the fields of `emptyBucket`, in its order: what this module writes. */
function isCurrentShape(doc: GroupPerfDoc): boolean {
  let i = 0;
  for (const field in doc) if (field !== BUCKET_FIELDS[i++]) return false;
  return i === BUCKET_FIELDS.length;
}

/**
 * One bucket after a delta. Buckets stored before the record existed lack its fields.
 * `owned`: the hoursToClose lists this caller's batch made and may change in place (see
 * changeHours); omitted, nothing passed in is changed.
 *
 * Every bucket this module wrote has exactly `emptyBucket`'s fields in its order, so the new
 * one is written out field by field (a bucket changes up to four times per event: merging it
 * onto an empty one and adding through a field name made it the projection's largest cost);
 * any other shape (older, or with fields this version does not know) is merged as it always
 * was. Both give the same document, fields in the same order.
 */
export function applyBucketDelta(
  doc: GroupPerfDoc | null,
  delta: BucketDelta,
  owned?: WeakSet<number[]>,
): GroupPerfDoc {
  const bucket =
    doc === null ? emptyBucket(delta.id, delta.district, delta.period) : isCurrentShape(doc) ? doc : null;
  if (bucket === null) return mergedBucketDelta(doc!, delta, owned);
  const changesHours = delta.addHours !== undefined || delta.removeHours !== undefined;
  const level = delta.escalationLevel;
  return {
    id: bucket.id,
    district: bucket.district,
    period: bucket.period,
    reported: bucket.reported + (delta.reported ?? 0),
    closed: bucket.closed + (delta.closed ?? 0),
    closedOnTime: bucket.closedOnTime + (delta.closedOnTime ?? 0),
    hoursToClose: changesHours
      ? changeHours(bucket.hoursToClose, delta.addHours, delta.removeHours, owned)
      : bucket.hoursToClose,
    escalations: level
      ? { ...bucket.escalations, [level]: bucket.escalations[level] + 1 }
      : bucket.escalations,
    meetings: bucket.meetings + (delta.meetings ?? 0),
    difficultiesReported: bucket.difficultiesReported + (delta.difficultiesReported ?? 0),
    difficultiesResolved: bucket.difficultiesResolved + (delta.difficultiesResolved ?? 0),
    onSiteDays: halfDays(bucket.onSiteDays + (delta.onSiteDays ?? 0)),
    onSiteByWeek: onSiteByWeekAfter(bucket, delta),
    activities: activitiesAfter(bucket, delta),
    participants: bucket.participants + (delta.participants ?? 0),
    practicesAdopted: bucket.practicesAdopted + (delta.practicesAdopted ?? 0),
    practicesPromoted: bucket.practicesPromoted + (delta.practicesPromoted ?? 0),
    itemsAssigned: bucket.itemsAssigned! + (delta.itemsAssigned ?? 0),
    itemsExtended: bucket.itemsExtended! + (delta.itemsExtended ?? 0),
    extensions: bucket.extensions! + (delta.extensions ?? 0),
  };
}

/** A bucket's on-site days by week after a delta (the same object when the delta has none). */
const onSiteByWeekAfter = (bucket: GroupPerfDoc, delta: BucketDelta): GroupPerfDoc['onSiteByWeek'] =>
  delta.onSiteDays && delta.week
    ? bump(bucket.onSiteByWeek, delta.week, delta.onSiteDays)
    : bucket.onSiteByWeek;

/** A bucket's activities by kind after a delta (the same object when the delta has none). */
const activitiesAfter = (bucket: GroupPerfDoc, delta: BucketDelta): GroupPerfDoc['activities'] =>
  delta.activity ? bump(bucket.activities, delta.activity.kind, delta.activity.count) : bucket.activities;

/** `applyBucketDelta` on a bucket of any other shape: merged onto an empty one first. */
function mergedBucketDelta(
  doc: GroupPerfDoc,
  delta: BucketDelta,
  owned: WeakSet<number[]> | undefined,
): GroupPerfDoc {
  const bucket = { ...emptyBucket(delta.id, delta.district, delta.period), ...doc };
  const changesHours = delta.addHours !== undefined || delta.removeHours !== undefined;
  const escalations = delta.escalationLevel
    ? { ...bucket.escalations, [delta.escalationLevel]: bucket.escalations[delta.escalationLevel] + 1 }
    : bucket.escalations;
  const add = (field: keyof BucketDelta & keyof GroupPerfDoc) =>
    (bucket[field] as number) + ((delta[field] as number | undefined) ?? 0);
  return {
    ...bucket,
    reported: add('reported'),
    closed: add('closed'),
    closedOnTime: add('closedOnTime'),
    hoursToClose: changesHours
      ? changeHours(bucket.hoursToClose, delta.addHours, delta.removeHours, owned)
      : bucket.hoursToClose,
    escalations,
    meetings: add('meetings'),
    difficultiesReported: add('difficultiesReported'),
    difficultiesResolved: add('difficultiesResolved'),
    onSiteDays: halfDays(add('onSiteDays')),
    onSiteByWeek: onSiteByWeekAfter(bucket, delta),
    activities: activitiesAfter(bucket, delta),
    participants: add('participants'),
    practicesAdopted: add('practicesAdopted'),
    practicesPromoted: add('practicesPromoted'),
    itemsAssigned: add('itemsAssigned'),
    itemsExtended: add('itemsExtended'),
    extensions: add('extensions'),
  };
}
