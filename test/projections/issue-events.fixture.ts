import type { EventStore, StoredEvent } from '../../src/event-store/event-store';
import type { IssueEvent } from '../../src/issues/domain/issue-events';

type DataOf<T extends IssueEvent['type']> = Omit<Extract<IssueEvent, { type: T }>['data'], 'issueId'>;

/**
 * Hand-built stored events for one or more issues: revisions count per issue from 0 and
 * positions globally from 1, as the store would number them.
 */
export class EventLog {
  readonly events: StoredEvent[] = [];
  private readonly revisions = new Map<string, number>();

  add<T extends IssueEvent['type']>(
    issueId: string,
    type: T,
    data: DataOf<T>,
    actor = 'tester',
  ): StoredEvent {
    const revision = (this.revisions.get(issueId) ?? -1) + 1;
    this.revisions.set(issueId, revision);
    const position = this.events.length + 1;
    const event: StoredEvent = {
      id: `e${position}`,
      streamId: `issue-${issueId}`,
      type,
      data: { issueId, ...data },
      metadata: {
        correlationId: `c${position}`,
        causationId: null,
        actor,
        occurredAt: (data as { occurredAt: string }).occurredAt,
        schemaVersion: 1,
      },
      revision,
      position,
      recordedAt: new Date(Date.UTC(2023, 6, 1, 0, 0, position)).toISOString(),
    };
    this.events.push(event);
    return event;
  }

  reported(
    issueId: string,
    occurredAt: string,
    district: DataOf<'IssueReported'>['district'] = 'siming',
  ): StoredEvent {
    return this.add(issueId, 'IssueReported', {
      title: `issue ${issueId}`,
      description: null,
      category: 'on-site-rectification',
      severity: 'medium',
      district,
      site: 'Hecuo road',
      source: 'inspection',
      reportedBy: 'inspector',
      occurredAt,
    });
  }

  assigned(issueId: string, remediationId: string, dueAt: string, occurredAt: string): StoredEvent {
    return this.add(issueId, 'RemediationAssigned', {
      remediationId,
      responsibleUnit: 'site A',
      action: 'repair the road',
      dueAt,
      assignedBy: 'group leader',
      occurredAt,
    });
  }

  closed(issueId: string, occurredAt: string): StoredEvent {
    return this.add(issueId, 'IssueClosed', {
      closedBy: 'group leader',
      resolution: 'done',
      forced: false,
      occurredAt,
    });
  }

  reopened(issueId: string, occurredAt: string): StoredEvent {
    return this.add(issueId, 'IssueReopened', { by: 'bureau', reason: 'came back', occurredAt });
  }
}

/** Appends hand-built events one by one, as commands would, each to its stream; answers the last position. */
export async function appendStored(store: EventStore, stored: readonly StoredEvent[]): Promise<number> {
  let position = 0;
  for (const { id, type, data, metadata, streamId } of stored)
    ({ position } = await store.appendToStream(streamId, [{ id, type, data, metadata }]));
  return position;
}
