import type { StoredEvent } from '../../src/event-store/event-store';
import {
  applyBucketDelta,
  evolveGroupPerformance,
} from '../../projections/group-performance/evolve-group-performance';
import type {
  EntryTrackerDoc,
  GroupPerfDoc,
  IssueTrackerDoc,
} from '../../projections/group-performance/group-performance-docs';
import { shanghaiPeriods } from '../../projections/group-performance/periods';
import { figuresOf, parsePeriod } from '../../projections/group-performance/queries';
import { evolveRecordPerformance } from '../../projections/group-performance/evolve-record-performance';
import { EventLog } from './issue-events.fixture';

/** Folds events the way the projection does, into plain maps of trackers and buckets. */
function project(events: StoredEvent[]) {
  const trackers = new Map<string, IssueTrackerDoc>();
  const buckets = new Map<string, GroupPerfDoc>();
  for (const event of events) {
    const issueId = (event.data as { issueId: string }).issueId;
    const { tracker, deltas } = evolveGroupPerformance(trackers.get(issueId) ?? null, event);
    if (tracker) trackers.set(issueId, tracker);
    for (const delta of deltas) buckets.set(delta.id, applyBucketDelta(buckets.get(delta.id) ?? null, delta));
  }
  return buckets;
}

describe('group performance: periods', () => {
  it('buckets by the Asia/Shanghai calendar, across midnight at the quarter boundary', () => {
    expect(shanghaiPeriods('2023-03-31T15:59:59.999Z')).toEqual(['2023-03-31', '2023-03', '2023-Q1', '2023']);
    expect(shanghaiPeriods('2023-03-31T16:30:00.000Z')).toEqual(['2023-04-01', '2023-04', '2023-Q2', '2023']);
    expect(shanghaiPeriods('2022-12-31T16:00:00.000Z')).toEqual(['2023-01-01', '2023-01', '2023-Q1', '2023']);
  });

  it('counts a report in all four buckets of its Shanghai date', () => {
    const log = new EventLog();
    log.reported('i1', '2023-03-31T16:30:00.000Z', 'huli');
    const buckets = project(log.events);
    expect([...buckets.keys()].sort()).toEqual([
      'huli:2023',
      'huli:2023-04',
      'huli:2023-04-01',
      'huli:2023-Q2',
    ]);
    expect(buckets.get('huli:2023-Q2')!.reported).toBe(1);
  });

  it('parses the four period forms and refuses anything else', () => {
    expect(parsePeriod('2023')).toEqual({ kind: 'year', key: '2023' });
    expect(parsePeriod('2023-Q1')).toEqual({ kind: 'quarter', key: '2023-Q1' });
    expect(parsePeriod('2023-03')).toEqual({ kind: 'month', key: '2023-03' });
    expect(parsePeriod('2024-02-29')).toEqual({ kind: 'day', key: '2024-02-29' });
    for (const bad of ['2023-13', '2023-04-31', '2023-02-29', '2023-Q5', '23', '2023-3', 'last month', '']) {
      expect(() => parsePeriod(bad)).toThrow(/period: use a year 2023/);
    }
  });
});

describe('group performance: closures', () => {
  it('tells on-time from late closures, counting extensions, with hours to close', () => {
    const log = new EventLog();
    // On time thanks to an extension.
    log.reported('a', '2023-03-01T00:00:00.000Z');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.add('a', 'DeadlineExtended', {
      remediationId: 'r1',
      previousDueAt: '2023-03-05T00:00:00.000Z',
      newDueAt: '2023-03-10T00:00:00.000Z',
      reason: 'rain',
      approvedBy: 'division head',
      occurredAt: '2023-03-04T00:00:00.000Z',
    });
    log.closed('a', '2023-03-08T00:00:00.000Z');
    // Late.
    log.reported('b', '2023-03-01T00:00:00.000Z');
    log.assigned('b', 'r1', '2023-03-02T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.closed('b', '2023-03-03T12:00:00.000Z');
    // No items: on time.
    log.reported('c', '2023-03-01T00:00:00.000Z');
    log.closed('c', '2023-03-01T06:00:00.000Z');

    const march = project(log.events).get('siming:2023-03')!;
    expect(march).toMatchObject({ reported: 3, closed: 3, closedOnTime: 2 });
    expect(march.hoursToClose).toEqual([6, 60, 168]);
  });

  it('takes a closure back out when the issue is reopened, and counts the next closure instead', () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.closed('a', '2023-03-04T00:00:00.000Z');
    log.reopened('a', '2023-04-02T00:00:00.000Z');
    let buckets = project(log.events);
    expect(buckets.get('siming:2023-03')).toMatchObject({
      reported: 1,
      closed: 0,
      closedOnTime: 0,
      hoursToClose: [],
    });
    expect(buckets.get('siming:2023-03-04')).toMatchObject({ closed: 0, hoursToClose: [] });

    log.closed('a', '2023-04-10T00:00:00.000Z');
    buckets = project(log.events);
    expect(buckets.get('siming:2023-03')!.closed).toBe(0);
    expect(buckets.get('siming:2023-04')).toMatchObject({ closed: 1, closedOnTime: 0, hoursToClose: [960] });
    expect(buckets.get('siming:2023')).toMatchObject({ reported: 1, closed: 1, closedOnTime: 0 });
  });

  it('counts meetings and escalations by level at their business time', () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z', 'tongan');
    log.add('a', 'MeetingConvened', {
      meetingId: 'm1',
      kind: 'joint-inspection',
      heldAt: '2023-02-28T00:00:00.000Z',
      convenedBy: 'group',
      attendees: ['crane operator'],
      summary: null,
      decisions: [],
      occurredAt: '2023-03-02T00:00:00.000Z',
    });
    for (const level of [1, 2, 2] as const) {
      log.add('a', 'IssueEscalated', {
        level,
        trigger: 'manual',
        reason: 'slow',
        by: 'chief',
        remediationId: null,
        dueAt: null,
        escalatedTo: null,
        occurredAt: '2023-04-01T00:00:00.000Z',
      });
    }
    const buckets = project(log.events);
    expect(buckets.get('tongan:2023-03')!.meetings).toBe(1);
    expect(buckets.get('tongan:2023-Q2')!.escalations).toEqual({ '1': 1, '2': 2, '3': 0 });
    expect(buckets.get('tongan:2023-Q1')!.escalations).toEqual({ '1': 0, '2': 0, '3': 0 });
  });
});

describe('group performance: the daily record', () => {
  const recordEvent = (position: number, type: string, data: Record<string, unknown>): StoredEvent => ({
    id: `r${position}`,
    streamId: 'group-record-tongan',
    type,
    data: { district: 'tongan', occurredAt: '2023-05-20T02:00:00.000Z', ...data },
    metadata: {
      correlationId: 'c',
      causationId: null,
      actor: 'x',
      occurredAt: '2023-05-20T02:00:00.000Z',
      schemaVersion: 1,
    },
    revision: position - 1,
    position,
    recordedAt: '2023-05-20T02:00:00.000Z',
  });
  const entry = (entryId: string, kind: string, date: string, over: Record<string, unknown> = {}) => ({
    entryId,
    kind,
    date,
    days: kind === 'on-site' ? 1 : null,
    site: null,
    topic: kind === 'on-site' ? null : 'topic',
    participants: null,
    members: [],
    summary: null,
    issueIds: [],
    ...over,
  });

  function fold(events: StoredEvent[]) {
    const trackers = new Map<string, EntryTrackerDoc>();
    const buckets = new Map<string, GroupPerfDoc>();
    for (const event of events) {
      const data = event.data as { entryId?: string; practiceId?: string };
      const id = data.entryId ?? `practice:${data.practiceId}`;
      const { tracker, deltas } = evolveRecordPerformance(trackers.get(id) ?? null, event);
      if (tracker) trackers.set(id, tracker);
      for (const delta of deltas)
        buckets.set(delta.id, applyBucketDelta(buckets.get(delta.id) ?? null, delta));
    }
    return buckets;
  }

  it("counts on-site days by the entry's date and week, activities per kind, people reached and practices", () => {
    const buckets = fold([
      recordEvent(1, 'GroupActivityRecorded', entry('a', 'on-site', '2023-05-15')),
      recordEvent(2, 'GroupActivityRecorded', entry('b', 'on-site', '2023-05-16', { days: 0.5 })),
      recordEvent(3, 'GroupActivityRecorded', entry('c', 'training', '2023-05-16', { participants: 86 })),
      recordEvent(4, 'PracticeTransferred', {
        practiceId: 'p',
        direction: 'promoted-to-city',
        title: 't',
        date: '2023-05-31',
        summary: null,
        recordedBy: 'x',
      }),
      // Redelivered: counted once.
      recordEvent(4, 'PracticeTransferred', {
        practiceId: 'p',
        direction: 'promoted-to-city',
        title: 't',
        date: '2023-05-31',
        summary: null,
        recordedBy: 'x',
      }),
    ]);
    expect(buckets.get('tongan:2023-05')).toMatchObject({
      onSiteDays: 1.5,
      onSiteByWeek: { '2023-05-15': 1.5 },
      activities: { 'on-site': 2, training: 1 },
      participants: 86,
      practicesPromoted: 1,
      practicesAdopted: 0,
    });
    expect(buckets.get('tongan:2023-05-16')).toMatchObject({ onSiteDays: 0.5 });
    expect(buckets.get('tongan:2023-Q2')!.onSiteDays).toBe(1.5);
  });

  it('moves a corrected entry to its new date and kind, and takes a withdrawn one out', () => {
    const buckets = fold([
      recordEvent(1, 'GroupActivityRecorded', entry('a', 'on-site', '2023-04-28')),
      recordEvent(2, 'GroupActivityCorrected', {
        ...entry('a', 'on-site', '2023-05-02', { days: 0.5 }),
        reason: 'r',
      }),
      recordEvent(3, 'GroupActivityRecorded', entry('b', 'seminar', '2023-05-03')),
      recordEvent(4, 'GroupActivityWithdrawn', { entryId: 'b', reason: 'dup', withdrawnBy: 'x' }),
    ]);
    expect(buckets.get('tongan:2023-04')).toMatchObject({ onSiteDays: 0, onSiteByWeek: {}, activities: {} });
    expect(buckets.get('tongan:2023-05')).toMatchObject({
      onSiteDays: 0.5,
      onSiteByWeek: { '2023-05-01': 0.5 },
      activities: { 'on-site': 1 },
    });
    expect(buckets.get('tongan:2023-Q2')!.onSiteDays).toBe(0.5);
  });

  it('counts technical difficulties reported and closed, and takes a reopened one back', () => {
    const log = new EventLog();
    log.add('d', 'IssueReported', {
      title: 'pile test',
      description: null,
      category: 'technical-difficulty',
      severity: 'high',
      district: 'haicang',
      site: null,
      source: 'inspection',
      reportedBy: 'group',
      occurredAt: '2023-03-01T00:00:00.000Z',
    });
    log.closed('d', '2023-03-08T00:00:00.000Z');
    expect(project(log.events).get('haicang:2023-Q1')).toMatchObject({
      difficultiesReported: 1,
      difficultiesResolved: 1,
    });
    log.reopened('d', '2023-04-02T00:00:00.000Z');
    expect(project(log.events).get('haicang:2023-Q1')).toMatchObject({ difficultiesResolved: 0 });
  });

  it('keeps hoursToClose ascending by inserting, with equal values and removals', () => {
    const bucket = (hours: number[]) => ({
      ...applyBucketDelta(null, { id: 'x', district: 'x', period: 'p' }),
      hoursToClose: hours,
    });
    const add = (hours: number[], h: number) =>
      applyBucketDelta(bucket(hours), { id: 'x', district: 'x', period: 'p', addHours: h }).hoursToClose;
    const remove = (hours: number[], h: number) =>
      applyBucketDelta(bucket(hours), { id: 'x', district: 'x', period: 'p', removeHours: h }).hoursToClose;
    expect(add([], 5)).toEqual([5]);
    expect(add([1, 5, 9], 5)).toEqual([1, 5, 5, 9]);
    expect(add([1, 5, 9], 0)).toEqual([0, 1, 5, 9]);
    expect(add([1, 5, 9], 10)).toEqual([1, 5, 9, 10]);
    expect(remove([1, 5, 5, 9], 5)).toEqual([1, 5, 9]);
    expect(remove([1, 5, 9], 4)).toEqual([1, 5, 9]);
    const original = [1, 2, 3];
    add(original, 2);
    expect(original).toEqual([1, 2, 3]);
  });
});

describe('group performance: bucket shapes', () => {
  const delta = {
    id: 'huli:2023',
    district: 'huli',
    period: '2023',
    reported: 1,
    closed: 1,
    addHours: 5,
    escalationLevel: 2 as const,
    itemsAssigned: 1,
  };

  it('gives a current bucket, an older one (fields missing) and one with unknown fields the same figures, fields in order', () => {
    const current = applyBucketDelta(applyBucketDelta(null, delta), delta);
    const { itemsAssigned: _a, itemsExtended: _e, extensions: _x, ...older } = applyBucketDelta(null, delta);
    const fromOlder = applyBucketDelta(older, delta);
    expect(JSON.stringify(fromOlder)).toBe(
      JSON.stringify({ ...current, itemsAssigned: 1, itemsExtended: 0, extensions: 0 }),
    );
    const withExtra = { ...applyBucketDelta(null, delta), later: 'kept' } as GroupPerfDoc;
    expect(JSON.stringify(applyBucketDelta(withExtra, delta))).toBe(
      JSON.stringify({ ...current, later: 'kept' }),
    );
    expect(Object.keys(current)).toEqual(
      Object.keys(applyBucketDelta(null, { id: 'x', district: 'x', period: 'p' })),
    );
  });
});

describe('group performance: the extension rate (延期率)', () => {
  const extend = (log: EventLog, issueId: string, remediationId: string, at: string) =>
    log.add(issueId, 'DeadlineExtended', {
      remediationId,
      previousDueAt: '2023-03-05T00:00:00.000Z',
      newDueAt: '2023-05-10T00:00:00.000Z',
      reason: 'rain',
      approvedBy: 'division head',
      occurredAt: at,
    });

  it('counts, of the items assigned in a period, those extended at least once, in the period of their assignment', () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.assigned('a', 'r2', '2023-03-05T00:00:00.000Z', '2023-03-01T02:00:00.000Z');
    log.reported('b', '2023-03-02T00:00:00.000Z');
    log.assigned('b', 'r1', '2023-03-06T00:00:00.000Z', '2023-03-02T01:00:00.000Z');
    log.assigned('b', 'r2', '2023-03-06T00:00:00.000Z', '2023-03-02T02:00:00.000Z');
    // r1 of a extended twice (March, then April); r1 of b once in April.
    extend(log, 'a', 'r1', '2023-03-04T00:00:00.000Z');
    extend(log, 'a', 'r1', '2023-04-02T00:00:00.000Z');
    extend(log, 'b', 'r1', '2023-04-03T00:00:00.000Z');
    const buckets = project(log.events);
    expect(buckets.get('siming:2023-03')).toMatchObject({
      itemsAssigned: 4,
      itemsExtended: 2,
      extensions: 1,
    });
    expect(buckets.get('siming:2023-04')).toMatchObject({
      itemsAssigned: 0,
      itemsExtended: 0,
      extensions: 2,
    });
    expect(buckets.get('siming:2023-Q1')).toMatchObject({
      itemsAssigned: 4,
      itemsExtended: 2,
      extensions: 1,
    });
    const at = new Date('2023-04-30T00:00:00.000Z');
    expect(figuresOf('siming', '2023-03', buckets.get('siming:2023-03')!, 0, at)).toMatchObject({
      itemsAssigned: 4,
      itemsExtended: 2,
      extensionRate: 0.5,
      extensions: 1,
    });
    expect(figuresOf('siming', '2023-04', buckets.get('siming:2023-04')!, 0, at).extensionRate).toBeNull();
  });
});
