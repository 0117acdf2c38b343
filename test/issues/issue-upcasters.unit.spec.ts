import type { StoredEvent } from '../../src/event-store/event-store';
import { CURRENT_SCHEMA_VERSION, upcastIssueEvent, upcastWith, type UpcasterRegistry } from '../../src/issues/domain';

const stored = (schemaVersion: number, data: unknown, type = 'IssueReported'): StoredEvent => ({
  id: 'e-1',
  type,
  data,
  streamId: 'issue-x',
  revision: 0,
  position: 1,
  recordedAt: '2023-03-10T02:00:00.000Z',
  metadata: { correlationId: 'c', causationId: null, actor: 'a', occurredAt: '2023-03-10T02:00:00.000Z', schemaVersion },
});

describe('upcasting issue events', () => {
  it('passes current events through unchanged', () => {
    const event = stored(CURRENT_SCHEMA_VERSION, { title: 't' });
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
    expect(upcastWith(registry, stored(0, { title: 't', reporter: 'r' })).data).toEqual({ title: 't', reportedBy: 'r' });
  });

  it('refuses an event written by a newer build', () => {
    expect(() => upcastIssueEvent(stored(CURRENT_SCHEMA_VERSION + 1, {}))).toThrow('newer than');
  });

  it('refuses an old version nobody knows how to upcast', () => {
    expect(() => upcastIssueEvent(stored(0, {}, 'MeetingConvened'))).toThrow('no upcaster for MeetingConvened from schema version 0');
  });
});
