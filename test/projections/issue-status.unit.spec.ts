import { evolveIssueView } from '../../projections/issue-status/evolve-issue-view';
import type { IssueViewDoc } from '../../projections/issue-status/issue-view';
import { foldIssueView } from '../../projections/issue-status/queries';
import { EventLog } from './issue-events.fixture';

const fold = (log: EventLog) => log.events.reduce<IssueViewDoc | null>(evolveIssueView, null);

describe('issue-status view', () => {
  it('follows an issue from report through items, escalation, closure and reopening', () => {
    const log = new EventLog();
    log.reported('i1', '2023-03-01T02:00:00.000Z');
    expect(fold(log)).toMatchObject({
      id: 'i1',
      status: 'open',
      escalationLevel: 0,
      nextDueAt: null,
      closedAt: null,
      revision: 0,
      position: 1,
    });

    log.add('i1', 'MeetingConvened', {
      meetingId: 'm1',
      kind: 'site-coordination',
      heldAt: '2023-03-02T01:00:00.000Z',
      convenedBy: 'group',
      attendees: ['site A', 'site B'],
      summary: 'split the road',
      decisions: ['A repairs the north half'],
      occurredAt: '2023-03-02T01:00:00.000Z',
    });
    log.assigned('i1', 'r1', '2023-03-10T10:00:00.000Z', '2023-03-02T02:00:00.000Z');
    log.assigned('i1', 'r2', '2023-03-08T10:00:00.000Z', '2023-03-02T03:00:00.000Z');
    let view = fold(log)!;
    expect(view.status).toBe('in-progress');
    expect(view.firstResponseAt).toBe('2023-03-02T01:00:00.000Z');
    expect(view.nextDueAt).toBe('2023-03-08T10:00:00.000Z');
    expect(view.meetings[0]).toMatchObject({ meetingId: 'm1', attendees: ['site A', 'site B'] });

    log.add('i1', 'DeadlineExtended', {
      remediationId: 'r2',
      previousDueAt: '2023-03-08T10:00:00.000Z',
      newDueAt: '2023-03-12T10:00:00.000Z',
      reason: 'rain',
      approvedBy: 'division head',
      occurredAt: '2023-03-07T00:00:00.000Z',
    });
    view = fold(log)!;
    expect(view.nextDueAt).toBe('2023-03-10T10:00:00.000Z');
    expect(view.remediations[1].extensions).toEqual([
      {
        previousDueAt: '2023-03-08T10:00:00.000Z',
        newDueAt: '2023-03-12T10:00:00.000Z',
        reason: 'rain',
        approvedBy: 'division head',
        occurredAt: '2023-03-07T00:00:00.000Z',
      },
    ]);

    for (const r of ['r1', 'r2']) {
      log.add('i1', 'RemediationCompleted', {
        remediationId: r,
        reportedBy: 'site A',
        evidence: 'photo',
        occurredAt: '2023-03-09T00:00:00.000Z',
      });
    }
    view = fold(log)!;
    expect(view.status).toBe('awaiting-verification');
    expect(view.nextDueAt).toBeNull();

    log.add('i1', 'RemediationRejected', {
      remediationId: 'r2',
      verifiedBy: 'bureau',
      comment: 'drain missing',
      occurredAt: '2023-03-09T05:00:00.000Z',
    });
    view = fold(log)!;
    expect(view.status).toBe('in-progress');
    expect(view.nextDueAt).toBe('2023-03-12T10:00:00.000Z');
    expect(view.remediations[1]).toMatchObject({ status: 'rejected', comment: 'drain missing' });

    log.add('i1', 'IssueEscalated', {
      level: 2,
      trigger: 'manual',
      reason: 'slow',
      by: 'chief',
      remediationId: null,
      dueAt: null,
      escalatedTo: null,
      occurredAt: '2023-03-13T00:00:00.000Z',
    });
    log.add('i1', 'IssueEscalated', {
      level: 1,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: 'r2',
      dueAt: '2023-03-12T10:00:00.000Z',
      escalatedTo: null,
      occurredAt: '2023-03-13T01:00:00.000Z',
    });
    view = fold(log)!;
    expect(view.escalationLevel).toBe(2);
    expect(view.escalations.map((e) => e.level)).toEqual([2, 1]);

    log.add('i1', 'RemediationCompleted', {
      remediationId: 'r2',
      reportedBy: 'site A',
      evidence: null,
      occurredAt: '2023-03-14T00:00:00.000Z',
    });
    for (const r of ['r1', 'r2']) {
      log.add('i1', 'RemediationVerified', {
        remediationId: r,
        verifiedBy: 'bureau',
        comment: null,
        occurredAt: '2023-03-15T00:00:00.000Z',
      });
    }
    log.closed('i1', '2023-03-15T01:00:00.000Z');
    view = fold(log)!;
    expect(view).toMatchObject({
      status: 'closed',
      closedAt: '2023-03-15T01:00:00.000Z',
      revision: log.events.length - 1,
      position: log.events.length,
    });

    log.reopened('i1', '2023-03-20T00:00:00.000Z');
    view = fold(log)!;
    expect(view.closedAt).toBeNull();
    expect(view.status).toBe('in-progress');
  });

  it('ignores events it has already applied and events before the report', () => {
    const log = new EventLog();
    const report = log.reported('i1', '2023-03-01T00:00:00.000Z');
    const assigned = log.assigned('i1', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    const once = fold(log);
    expect(evolveIssueView(once, assigned)).toBe(once);
    expect(evolveIssueView(once, report)).toBe(once);
    expect(evolveIssueView(null, assigned)).toBeNull();
  });

  it('computes overdue at query time, for the issue and each item, never once closed', () => {
    const log = new EventLog();
    log.reported('i1', '2023-03-01T00:00:00.000Z');
    log.assigned('i1', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.assigned('i1', 'r2', '2023-03-09T00:00:00.000Z', '2023-03-01T01:00:00.000Z');

    const before = foldIssueView(log.events, new Date('2023-03-04T23:59:59.000Z'))!;
    expect(before.overdue).toBe(false);
    expect(before.remediations.map((r) => r.overdue)).toEqual([false, false]);

    const after = foldIssueView(log.events, new Date('2023-03-06T00:00:00.000Z'))!;
    expect(after.overdue).toBe(true);
    expect(after.remediations.map((r) => r.overdue)).toEqual([true, false]);
    expect(after).not.toHaveProperty('dueKey');

    log.add('i1', 'IssueClosed', {
      closedBy: 'chief',
      resolution: 'moved to another plan',
      forced: true,
      occurredAt: '2023-03-06T00:00:00.000Z',
    });
    expect(foldIssueView(log.events, new Date('2023-03-20T00:00:00.000Z'))!.overdue).toBe(false);
    expect(foldIssueView([], new Date())).toBeNull();
  });
});
