import { type WarnOfEscalation } from '../../src/issues/domain';
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
  reported,
} from './given-when-then';

const DUE = '2023-03-15T09:00:00.000Z';
const WARN_AT = '2023-03-14T09:00:00.000Z';
const at = '2023-03-14T09:00:05.000Z';
const warn = (over: Partial<WarnOfEscalation['data']> = {}, now = at): WarnOfEscalation => ({
  type: 'WarnOfEscalation',
  data: {
    trigger: 'overdue',
    remediationId: 'r-1',
    dueAt: new Date(DUE),
    nextLevel: 1,
    escalatesAt: new Date(DUE),
    share: 0.75,
    warnAt: new Date(WARN_AT),
    ...over,
  },
  metadata: meta(now, new Date(now)),
});
const pending = [reported(), assigned('r-1', DUE)];
const warning = {
  type: 'EscalationWarningIssued' as const,
  data: {
    issueId: ISSUE_ID,
    remediationId: 'r-1',
    trigger: 'overdue' as const,
    dueAt: DUE,
    nextLevel: 1 as const,
    escalatesAt: DUE,
    share: 0.75,
    occurredAt: at,
  },
};

describe('WarnOfEscalation (the yellow light)', () => {
  it('warns once the share of the allowed time is used, naming the deadline and the level that follows', () => {
    given(pending).when(warn()).then([warning]);
  });

  it('warns only once per deadline', () => {
    given([...pending, warning])
      .when(warn())
      .then([]);
  });

  it('warns again for a new deadline after an extension', () => {
    const later = '2023-03-20T09:00:00.000Z';
    given([...pending, warning, extended('r-1', DUE, later)])
      .when(
        warn(
          {
            dueAt: new Date(later),
            escalatesAt: new Date(later),
            warnAt: new Date('2023-03-19T09:00:00.000Z'),
          },
          '2023-03-19T09:00:00.000Z',
        ),
      )
      .then([
        expect.objectContaining({
          type: 'EscalationWarningIssued',
          data: expect.objectContaining({ dueAt: later }),
        }),
      ]);
  });

  it('says nothing once the deadline has passed: the escalation speaks then', () => {
    given(pending).when(warn({}, '2023-03-15T09:00:00.000Z')).then([]);
  });

  it('says nothing when the work is done, the deadline moved or the issue closed', () => {
    given([...pending, completed()])
      .when(warn())
      .then([]);
    given([...pending, extended('r-1', DUE, '2023-03-20T09:00:00.000Z')])
      .when(warn())
      .then([]);
    given([...pending, closed(true)])
      .when(warn())
      .then([]);
  });

  it('says nothing when the level it warns about was already reached', () => {
    given([...pending, escalated(1)])
      .when(warn())
      .then([]);
  });

  it('warns of a first response that is running late, until a meeting is held', () => {
    const firstResponse = { trigger: 'no-response' as const, remediationId: null };
    given([reported()])
      .when(warn(firstResponse))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ trigger: 'no-response', remediationId: null }),
        }),
      ]);
    given([reported(), meetingConvened()]).when(warn(firstResponse)).then([]);
  });

  it('refuses a warning that arrives early', () => {
    given(pending).when(warn({}, '2023-03-14T08:00:00.000Z')).thenThrows(NotYetDueError, 'not due until');
  });
});
