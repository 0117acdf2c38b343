import { decideIssue, type ConveneMeeting } from '../../src/issues/domain';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, foldIssue, given, meetingConvened, meta, reported } from './given-when-then';

const at = '2023-03-09T03:00:00.000Z';
const convene = (over: Partial<ConveneMeeting['data']> = {}): ConveneMeeting => ({
  type: 'ConveneMeeting',
  data: {
    meetingId: 'm-2',
    kind: 'site-coordination',
    heldAt: new Date('2023-03-09T02:00:00.000Z'),
    convenedBy: 'group-siming',
    attendees: [' site A ', 'site B', 'district bureau'],
    ...over,
  },
  metadata: meta(at),
});

describe('ConveneMeeting', () => {
  it('records the meeting with its attendees and no decisions by default', () => {
    given([reported()])
      .when(convene())
      .then([
        {
          type: 'MeetingConvened',
          data: {
            issueId: ISSUE_ID,
            meetingId: 'm-2',
            kind: 'site-coordination',
            heldAt: '2023-03-09T02:00:00.000Z',
            convenedBy: 'group-siming',
            attendees: ['site A', 'site B', 'district bureau'],
            summary: null,
            decisions: [],
            occurredAt: at,
          },
        },
      ]);
  });

  it('keeps the decisions taken and the summary, dropping blank decisions', () => {
    const command = convene({ decisions: ['pool repair money', ' ', 'daily cleaning'], summary: ' road ' });
    const [event] = decideIssue(command, foldIssue([reported()]));
    expect(event).toMatchObject({
      type: 'MeetingConvened',
      data: { decisions: ['pool repair money', 'daily cleaning'], summary: 'road' },
    });
  });

  it('refuses a meeting without attendees', () => {
    given([reported()])
      .when(convene({ attendees: [] }))
      .thenThrows(InvalidCommandError, 'attendees');
  });

  it('refuses a meeting id already recorded', () => {
    given([reported(), meetingConvened('m-2')])
      .when(convene())
      .thenThrows(StateConflictError, 'meeting m-2');
  });

  it('accepts a meeting held before the issue was reported (the inspection that found it)', () => {
    given([reported()])
      .when(convene({ heldAt: new Date('2023-03-07T00:00:00.000Z') }))
      .then([
        expect.objectContaining({
          type: 'MeetingConvened',
          data: expect.objectContaining({ heldAt: '2023-03-07T00:00:00.000Z' }),
        }),
      ] as never);
  });

  it('refuses a meeting held in the future', () => {
    given([reported()])
      .when(convene({ heldAt: new Date('2023-03-11T00:00:00.000Z') }))
      .thenThrows(InvalidCommandError, 'heldAt');
  });

  it('refuses a blank convener', () => {
    given([reported()])
      .when(convene({ convenedBy: ' ' }))
      .thenThrows(InvalidCommandError, 'convenedBy');
  });
});
