import type { StoredEvent } from '../../src/event-store/event-store';
import {
  schemaVersionOf,
  upcastIssueEvent,
  upcastWith,
  type UpcasterRegistry,
} from '../../src/issues/domain';

const stored = (schemaVersion: number, data: unknown, type = 'IssueReported'): StoredEvent => ({
  id: 'e-1',
  type,
  data,
  streamId: 'issue-x',
  revision: 0,
  position: 1,
  recordedAt: '2023-03-10T02:00:00.000Z',
  metadata: {
    correlationId: 'c',
    causationId: null,
    actor: 'a',
    occurredAt: '2023-03-10T02:00:00.000Z',
    schemaVersion,
  },
});

describe('upcasting issue events', () => {
  it('passes current events through unchanged', () => {
    const event = stored(schemaVersionOf('IssueReported'), { title: 't' });
    expect(upcastIssueEvent(event)).toBe(event);
  });

  it('applies each step from an older version up to the current one', () => {
    // A hypothetical v0 where the reporter was called `reporter`, and a v1 → v2 that adds `site`.
    const registry: UpcasterRegistry = {
      IssueReported: {
        0: (data) => {
          const { reporter, ...rest } = data as { reporter: string };
          return { ...rest, reportedBy: reporter };
        },
        1: (data) => ({ site: null, ...(data as object) }),
      },
    };
    const upcast = upcastWith(registry, stored(0, { title: 't', reporter: 'r' }), 2);
    expect(upcast.data).toEqual({ title: 't', reportedBy: 'r', site: null });
    expect(upcast.metadata.schemaVersion).toBe(2);
    expect(upcastWith(registry, stored(0, { title: 't', reporter: 'r' })).data).toEqual({
      title: 't',
      reportedBy: 'r',
    });
  });

  it('reads a v1 escalation, written before recipients were recorded, as going to nobody known', () => {
    const v1 = {
      issueId: 'x',
      level: 1,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: 'r-1',
      dueAt: '2023-03-10T02:00:00.000Z',
      occurredAt: '2023-03-10T02:00:00.000Z',
    };
    const upcast = upcastIssueEvent(stored(1, v1, 'IssueEscalated'));
    expect(upcast.data).toEqual({ ...v1, escalatedTo: null, policyVersion: null, calendarVersion: null });
    expect(upcast.metadata.schemaVersion).toBe(3);
  });

  it('reads an escalation and a warning written before rule versions were recorded as timed by an unknown version', () => {
    const v2 = {
      issueId: 'x',
      level: 2,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: 'r-1',
      dueAt: '2023-03-10T02:00:00.000Z',
      escalatedTo: null,
      occurredAt: '2023-03-10T04:00:00.000Z',
    };
    const escalated = upcastIssueEvent(stored(2, v2, 'IssueEscalated'));
    expect(escalated.data).toEqual({ ...v2, policyVersion: null, calendarVersion: null });
    expect(escalated.metadata.schemaVersion).toBe(3);
    const warning = {
      issueId: 'x',
      remediationId: 'r-1',
      trigger: 'overdue',
      dueAt: '2023-03-10T02:00:00.000Z',
      nextLevel: 1,
      escalatesAt: '2023-03-10T02:00:00.000Z',
      share: 0.75,
      occurredAt: '2023-03-09T20:00:00.000Z',
    };
    const warned = upcastIssueEvent(stored(1, warning, 'EscalationWarningIssued'));
    expect(warned.data).toEqual({ ...warning, policyVersion: null, calendarVersion: null });
    expect(warned.metadata.schemaVersion).toBe(2);
  });

  it('refuses an event written by a newer build', () => {
    expect(() => upcastIssueEvent(stored(schemaVersionOf('IssueReported') + 1, {}))).toThrow('newer than');
  });

  it('refuses an old version nobody knows how to upcast', () => {
    expect(() => upcastIssueEvent(stored(0, {}, 'MeetingConvened'))).toThrow(
      'no upcaster for MeetingConvened from schema version 0',
    );
  });
});
