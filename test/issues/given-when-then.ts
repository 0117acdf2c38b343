import {
  decideIssue,
  evolveIssue,
  initialIssueState,
  type CommandMetadata,
  type DecisionContext,
  type IssueCommand,
  type IssueEvent,
  type IssueState,
} from '../../src/issues/domain';

/**
 * Emmett-style specifications for the Issue decider:
 * `given(pastEvents).when(command).then(expectedEvents)` or `.thenThrows(ErrorClass, text)`.
 * The past is folded with the real `evolveIssue`, so a spec also exercises the state.
 */
export const ISSUE_ID = 'hc-2023-017';
/** The server clock of every spec: fixed, never the real one. */
export const NOW = new Date('2023-03-10T02:00:00.000Z');
export const REPORTED_AT = '2023-03-08T01:00:00.000Z';

export const meta = (occurredAt: string | Date = NOW, now: Date = NOW): CommandMetadata => ({
  now,
  occurredAt: typeof occurredAt === 'string' ? new Date(occurredAt) : occurredAt,
});

export const foldIssue = (events: IssueEvent[]): IssueState =>
  events.reduce(evolveIssue, initialIssueState());

type ErrorClass = abstract new (...args: never[]) => Error;

/** A roster stand-in: level N of a district goes to "<district> L<N>". */
export const TEST_CONTEXT: DecisionContext = {
  recipientFor: (district, level) => ({
    body: level === 1 ? 'district-bureau' : level === 2 ? 'city-division' : 'bureau-leadership',
    unit: `${district} unit ${level}`,
    name: `${district} L${level}`,
    title: `title ${level}`,
  }),
};

export const recipient = (level: 1 | 2 | 3, district = 'haicang') =>
  TEST_CONTEXT.recipientFor!(district as never, level);

export const given = (events: IssueEvent[], context: DecisionContext = TEST_CONTEXT) => ({
  when: (command: IssueCommand) => {
    const decide = (): IssueEvent[] => decideIssue(command, foldIssue(events), ISSUE_ID, context);
    return {
      then: (expected: IssueEvent[]): void => {
        expect(decide()).toEqual(expected);
      },
      thenThrows: (errorClass: ErrorClass, messageSubstring?: string): Error => {
        let caught: unknown;
        try {
          decide();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(errorClass);
        if (messageSubstring !== undefined) expect((caught as Error).message).toContain(messageSubstring);
        return caught as Error;
      },
    };
  },
});

// Past events, as the decider would have written them, with sensible defaults.

export const reported = (
  over: Partial<Extract<IssueEvent, { type: 'IssueReported' }>['data']> = {},
): IssueEvent => ({
  type: 'IssueReported',
  data: {
    issueId: ISSUE_ID,
    title: 'Pile test selection ignores length differences',
    description: null,
    category: 'key-project',
    severity: 'high',
    district: 'haicang',
    site: null,
    source: 'inspection',
    reportedBy: 'group-haicang',
    occurredAt: REPORTED_AT,
    ...over,
  },
});

export const meetingConvened = (meetingId = 'm-1', occurredAt = '2023-03-08T06:00:00.000Z'): IssueEvent => ({
  type: 'MeetingConvened',
  data: {
    issueId: ISSUE_ID,
    meetingId,
    kind: 'expert-consultation',
    heldAt: occurredAt,
    convenedBy: 'group-haicang',
    attendees: ['industry association'],
    summary: null,
    decisions: [],
    occurredAt,
  },
});

export const assigned = (
  remediationId = 'r-1',
  dueAt = '2023-03-15T09:00:00.000Z',
  occurredAt = '2023-03-08T08:00:00.000Z',
): IssueEvent => ({
  type: 'RemediationAssigned',
  data: {
    issueId: ISSUE_ID,
    remediationId,
    responsibleUnit: 'Haicang pile contractor',
    action: 'Re-select test piles',
    dueAt,
    assignedBy: 'division head',
    occurredAt,
  },
});

export const completed = (remediationId = 'r-1', occurredAt = '2023-03-09T08:00:00.000Z'): IssueEvent => ({
  type: 'RemediationCompleted',
  data: { issueId: ISSUE_ID, remediationId, reportedBy: 'contractor', evidence: null, occurredAt },
});

export const verified = (remediationId = 'r-1', occurredAt = '2023-03-09T10:00:00.000Z'): IssueEvent => ({
  type: 'RemediationVerified',
  data: { issueId: ISSUE_ID, remediationId, verifiedBy: 'group-haicang', comment: null, occurredAt },
});

export const rejected = (remediationId = 'r-1', occurredAt = '2023-03-09T10:00:00.000Z'): IssueEvent => ({
  type: 'RemediationRejected',
  data: { issueId: ISSUE_ID, remediationId, verifiedBy: 'group-haicang', comment: 'incomplete', occurredAt },
});

export const extended = (
  remediationId: string,
  previousDueAt: string,
  newDueAt: string,
  occurredAt = '2023-03-09T11:00:00.000Z',
): IssueEvent => ({
  type: 'DeadlineExtended',
  data: {
    issueId: ISSUE_ID,
    remediationId,
    previousDueAt,
    newDueAt,
    reason: 'rain',
    approvedBy: 'bureau',
    occurredAt,
  },
});

export const escalated = (level: 1 | 2 | 3, occurredAt = '2023-03-09T12:00:00.000Z'): IssueEvent => ({
  type: 'IssueEscalated',
  data: {
    issueId: ISSUE_ID,
    level,
    trigger: 'manual',
    reason: 'stalled',
    by: 'leader',
    remediationId: null,
    dueAt: null,
    escalatedTo: null,
    occurredAt,
  },
});

export const closed = (forced = false, occurredAt = '2023-03-09T13:00:00.000Z'): IssueEvent => ({
  type: 'IssueClosed',
  data: { issueId: ISSUE_ID, closedBy: 'group-haicang', resolution: 'done', forced, occurredAt },
});

export const reopened = (occurredAt = '2023-03-09T14:00:00.000Z'): IssueEvent => ({
  type: 'IssueReopened',
  data: { issueId: ISSUE_ID, by: 'bureau', reason: 'petition came back', occurredAt },
});
