import type { StoredEvent } from '../../src/event-store/event-store';
import type {
  EscalationWarningIssued,
  IssueEscalated,
  IssueReported,
} from '../../src/issues/domain/issue-events';
import { buildNotificationPayload, type NotifiableEvent } from '../../src/notifications/notification-payload';

const reported: IssueReported['data'] = {
  issueId: 'issue-huli-1',
  title: '钟宅片区渣土车污染道路',
  description: null,
  category: 'petition-complaint',
  severity: 'medium',
  district: 'huli',
  site: null,
  source: 'petition',
  reportedBy: '湖里区建设局',
  occurredAt: '2023-06-01T01:00:00.000Z',
};

function stored<T extends NotifiableEvent['type']>(type: T, data: NotifiableEvent['data']): NotifiableEvent {
  const event: StoredEvent = {
    id: `evt-${type}`,
    type,
    data,
    metadata: {
      correlationId: 'c',
      causationId: null,
      actor: 'system:escalation',
      occurredAt: data.occurredAt,
      schemaVersion: 1,
    },
    streamId: 'issue-issue-huli-1',
    revision: 3,
    position: 42,
    recordedAt: '2023-06-09T01:00:01.000Z',
  };
  return event as NotifiableEvent;
}

describe('notification payload', () => {
  it('carries the event, the report facts and a one-line text for a chat robot', () => {
    const data: IssueEscalated['data'] = {
      issueId: 'issue-huli-1',
      level: 1,
      trigger: 'no-response',
      reason: 'no first response',
      by: 'system:escalation',
      remediationId: null,
      dueAt: '2023-06-05T10:00:00.000Z',
      // An event from before schema v2, upcast: nobody was recorded.
      escalatedTo: null,
      occurredAt: '2023-06-09T01:00:00.000Z',
    };
    const payload = buildNotificationPayload(stored('IssueEscalated', data), reported);
    expect(payload).toMatchObject({
      kind: 'escalation',
      eventId: 'evt-IssueEscalated',
      position: 42,
      occurredAt: '2023-06-09T01:00:00.000Z',
      issueId: 'issue-huli-1',
      issue: {
        title: '钟宅片区渣土车污染道路',
        category: 'petition-complaint',
        district: 'huli',
        site: null,
      },
      data,
    });
    // Without a recorded recipient the level's body is named; deadlines read in Beijing time.
    expect(payload.text).toBe(
      '[升级 L1 区建设局] 湖里区 钟宅片区渣土车污染道路（信访投诉·中） 超时未响应（期限 2023-06-05 18:00） | ' +
        'Escalated to level 1 (district bureau), Huli: no first response (due 2023-06-05 18:00)',
    );
  });

  it('keeps a manual reason with line breaks on one line', () => {
    const data: IssueEscalated['data'] = {
      issueId: 'issue-huli-1',
      level: 3,
      trigger: 'manual',
      reason: '群众多次投诉\n需局领导协调',
      by: '陈立新',
      remediationId: null,
      dueAt: null,
      escalatedTo: { body: 'bureau-leadership', unit: '分管副局长', name: '王建国', title: '分管副局长' },
      occurredAt: '2023-06-09T01:00:00.000Z',
    };
    const { text } = buildNotificationPayload(stored('IssueEscalated', data), reported);
    expect(text).toContain('[升级 L3 分管副局长] 湖里区 钟宅片区渣土车污染道路');
    expect(text).toContain('人工升级：群众多次投诉 需局领导协调 → 王建国（分管副局长）');
    expect(text).not.toMatch(/\n/);
  });

  it('words a warning with the deadline and when it will escalate', () => {
    const data: EscalationWarningIssued['data'] = {
      issueId: 'issue-huli-1',
      remediationId: 'rem-1',
      trigger: 'overdue',
      dueAt: '2023-06-10T10:00:00.000Z',
      nextLevel: 1,
      escalatesAt: '2023-06-11T10:00:00.000Z',
      share: 0.75,
      occurredAt: '2023-06-09T01:00:00.000Z',
    };
    const payload = buildNotificationPayload(stored('EscalationWarningIssued', data), reported);
    expect(payload.kind).toBe('warning');
    expect(payload.text).toBe(
      '[预警 L1 区建设局] 湖里区 钟宅片区渣土车污染道路（信访投诉·中） 整改期限 2023-06-10 18:00，未办结将于 2023-06-11 18:00 升级 | ' +
        'Warning, Huli: item due 2023-06-10 18:00, escalates to level 1 at 2023-06-11 18:00 unless done',
    );
  });

  it('still describes the event when the issue report cannot be read', () => {
    const data = {
      issueId: 'ghost',
      level: 2,
      trigger: 'overdue',
      reason: 'r',
      by: 'system:escalation',
      remediationId: 'x',
      dueAt: null,
      escalatedTo: null,
      occurredAt: '2023-06-09T01:00:00.000Z',
    } as const;
    const payload = buildNotificationPayload(stored('IssueEscalated', data), null);
    expect(payload.issue).toBeNull();
    expect(payload.text).toBe(
      '[升级 L2 市局业务处室] 问题 ghost 整改逾期 | Escalated to level 2 (city division): item overdue',
    );
  });
});
