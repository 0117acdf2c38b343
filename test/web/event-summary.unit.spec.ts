import type { TFunction } from 'i18next';
import type { HistoryItem } from '../../web/src/api/types';
import { describeEvent } from '../../web/src/views/issue/event-summary';

/** The key and its values, so what the timeline says is visible without the locale files. */
const t = ((key: string, options?: Record<string, unknown>) =>
  options && !('defaultValue' in options) ? `${key}${JSON.stringify(options)}` : key) as unknown as TFunction;

const item = (type: string, data: Record<string, unknown>): HistoryItem => ({
  position: 1,
  revision: 0,
  type,
  data,
  occurredAt: '2026-12-02T01:00:00.000Z',
  recordedAt: '2026-12-02T01:00:00.000Z',
  actor: 'system:escalation',
  correlationId: 'c',
  causationId: null,
});

describe('the timeline names the rules that timed an automatic step', () => {
  it('says which policy and calendar versions timed an automatic escalation, after the deadline it measured', () => {
    const { why } = describeEvent(
      t,
      item('IssueEscalated', {
        level: 1,
        trigger: 'overdue',
        dueAt: '2026-12-01T10:00:00.000Z',
        policyVersion: '1a2b3c4d5e6f',
        calendarVersion: 'abcdefabcdef',
      }),
    );
    expect(why).toMatch(
      /^timeline\.measuredAgainst\{.*\} — timeline\.countedBy\{"policy":"1a2b3c4d5e6f","calendar":"abcdefabcdef"\}$/,
    );
  });

  it('says it of a warning too, and nothing of events written before the versions were recorded', () => {
    const warning = (versions: Record<string, unknown>) =>
      describeEvent(
        t,
        item('EscalationWarningIssued', {
          dueAt: '2026-12-01T10:00:00.000Z',
          nextLevel: 1,
          escalatesAt: '2026-12-01T10:00:00.000Z',
          ...versions,
        }),
      ).why;
    expect(warning({ policyVersion: 'p', calendarVersion: 'c' })).toBe(
      'timeline.countedBy{"policy":"p","calendar":"c"}',
    );
    expect(warning({})).toBeNull();
    expect(warning({ policyVersion: null, calendarVersion: null })).toBeNull();
  });

  it('keeps the reason of a manual escalation, which no rule timed', () => {
    const { why } = describeEvent(
      t,
      item('IssueEscalated', { level: 2, trigger: 'manual', reason: '多次投诉未果', policyVersion: null }),
    );
    expect(why).toBe('多次投诉未果');
  });
});
