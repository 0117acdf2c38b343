import { type EscalateAutomatically } from '../../src/issues/domain';
import { NotYetDueError } from '../../src/shared-kernel/domain-errors';
import {
  ISSUE_ID,
  assigned,
  closed,
  completed,
  escalated,
  extended,
  given,
  meetingConvened,
  meta,
  recipient,
  rejected,
  reported,
  verified,
} from './given-when-then';

const DUE = '2023-03-15T09:00:00.000Z';
const at = '2023-03-16T09:00:00.000Z';
const now = new Date(at);
const overdue = (level: 1 | 2 | 3, dueAt = DUE, firesAt = dueAt): EscalateAutomatically => ({
  type: 'EscalateAutomatically',
  data: {
    level,
    trigger: 'overdue',
    remediationId: 'r-1',
    dueAt: new Date(dueAt),
    firesAt: new Date(firesAt),
  },
  metadata: meta(at, now),
});
const noResponse = (level: 1 | 2 | 3): EscalateAutomatically => ({
  type: 'EscalateAutomatically',
  data: {
    level,
    trigger: 'no-response',
    remediationId: null,
    dueAt: new Date('2023-03-09T01:00:00.000Z'),
    firesAt: new Date('2023-03-09T01:00:00.000Z'),
  },
  metadata: meta(at, now),
});
const late = [reported(), assigned('r-1', DUE)];

describe('EscalateAutomatically (the saga)', () => {
  it('escalates an overdue item to the level asked, as the system, to that level of the district leadership', () => {
    given(late)
      .when(overdue(1))
      .then([
        {
          type: 'IssueEscalated',
          data: {
            issueId: ISSUE_ID,
            level: 1,
            trigger: 'overdue',
            reason: 'overdue',
            by: 'system:escalation',
            remediationId: 'r-1',
            dueAt: DUE,
            escalatedTo: recipient(1),
            occurredAt: at,
          },
        },
      ]);
    given([...late, escalated(1), escalated(2)])
      .when(overdue(3))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ level: 3, escalatedTo: recipient(3) }) }),
      ]);
  });

  it('escalates exactly once per level: a repeated or lower check decides nothing', () => {
    given([...late, escalated(1)])
      .when(overdue(1))
      .then([]);
    given([...late, escalated(2)])
      .when(overdue(1))
      .then([]);
  });

  it('climbs on from a level raised by hand: the hand-raised level is not raised again', () => {
    given([...late, escalated(1)])
      .when(overdue(2))
      .then([expect.objectContaining({ data: expect.objectContaining({ level: 2, trigger: 'overdue' }) })]);
  });

  it('refuses a check that arrives before the policy fires it, so the saga runs it again later', () => {
    given(late)
      .when(overdue(2, DUE, '2023-03-16T09:00:01.000Z'))
      .thenThrows(NotYetDueError, 'not due until 2023-03-16T09:00:01.000Z');
  });

  it('still escalates a rejected item that is overdue', () => {
    given([...late, completed(), rejected(), escalated(1)])
      .when(overdue(2))
      .then([
        expect.objectContaining({ type: 'IssueEscalated', data: expect.objectContaining({ level: 2 }) }),
      ]);
  });

  it('decides nothing once the item was done or verified', () => {
    given([...late, completed()])
      .when(overdue(1))
      .then([]);
    given([...late, completed(), verified()])
      .when(overdue(1))
      .then([]);
  });

  it('decides nothing when the deadline was extended since the check was scheduled', () => {
    given([...late, extended('r-1', DUE, '2023-03-20T09:00:00.000Z')])
      .when(overdue(1))
      .then([]);
  });

  it('decides nothing for a closed issue, without an error', () => {
    given([reported(), closed()]).when(overdue(1)).then([]);
    given([reported(), closed()]).when(noResponse(1)).then([]);
  });

  it('escalates an issue nobody responded to', () => {
    given([reported()])
      .when(noResponse(1))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            trigger: 'no-response',
            reason: 'no-response',
            remediationId: null,
          }),
        }),
      ]);
  });

  it('decides nothing for no-response once a meeting or an assignment happened', () => {
    given([reported(), meetingConvened()]).when(noResponse(1)).then([]);
    given([reported(), assigned()]).when(noResponse(1)).then([]);
  });
});
