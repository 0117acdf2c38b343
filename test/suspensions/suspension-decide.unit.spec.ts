import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import {
  decideSuspension,
  evolveSuspension,
  initialSuspensionState,
  type Suspension,
  type SuspensionCommand,
  type SuspensionEvent,
  type SuspensionScope,
  type SuspensionState,
} from '../../src/suspensions/domain';
import { deciderSpec } from '../support/decider-spec';

const ID = 's-typhoon';
const NOW = new Date('2026-09-14T02:00:00.000Z');
const HULI: SuspensionScope = { kind: 'district', district: 'huli' };
const DAY = 24 * 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const approve = (
  over: Partial<Extract<SuspensionCommand, { type: 'ApproveSuspension' }>['data']> = {},
  now = NOW,
): SuspensionCommand => ({
  type: 'ApproveSuspension',
  data: {
    scope: HULI,
    from: now,
    until: at(2 * DAY),
    reason: '台风红色预警，停工',
    by: '湖里驻区工作组',
    ...over,
  },
  metadata: { now, occurredAt: now },
});
const lift = (now: Date, reason = '预警解除，复工'): SuspensionCommand => ({
  type: 'LiftSuspension',
  data: { reason, by: '湖里驻区工作组' },
  metadata: { now, occurredAt: now },
});
const approved = (
  over: Partial<Extract<SuspensionEvent, { type: 'SuspensionApproved' }>['data']> = {},
): SuspensionEvent => ({
  type: 'SuspensionApproved',
  data: {
    suspensionId: ID,
    scope: HULI,
    from: NOW.toISOString(),
    until: at(2 * DAY).toISOString(),
    reason: '台风红色预警，停工',
    approvedBy: '湖里驻区工作组',
    occurredAt: NOW.toISOString(),
    ...over,
  },
});

const withOthers = (others: Suspension[]) =>
  deciderSpec<SuspensionCommand, SuspensionEvent, SuspensionState>({
    decide: (command, state) => decideSuspension(command, state, { suspensionId: ID, others }),
    evolve: evolveSuspension,
    initialState: initialSuspensionState,
  });
const { given, fold } = withOthers([]);

describe('a suspension (挂起 for force majeure)', () => {
  it('is approved for a scope and a period, with its reason and approver', () => {
    given([]).when(approve()).then([approved()]);
  });

  it('may be approved ahead, up to 31 days', () => {
    given([])
      .when(approve({ from: at(DAY), until: at(3 * DAY) }))
      .then([approved({ from: at(DAY).toISOString(), until: at(3 * DAY).toISOString() })]);
    given([])
      .when(approve({ from: at(32 * DAY), until: at(33 * DAY) }))
      .thenThrows(InvalidCommandError, 'more than 31 days ahead');
  });

  it('refuses a period that ends before it begins, lasts over 31 days, or begins in the past', () => {
    given([])
      .when(approve({ until: NOW }))
      .thenThrows(InvalidCommandError, 'until:');
    given([])
      .when(approve({ until: at(32 * DAY) }))
      .thenThrows(InvalidCommandError, 'at most 31 days');
    given([])
      .when(approve({ from: at(-3600_000) }))
      .thenThrows(InvalidCommandError, 'is in the past');
  });

  it('refuses a blank reason', () => {
    given([])
      .when(approve({ reason: '  ' }))
      .thenThrows(InvalidCommandError, 'reason: must not be blank');
  });

  it('refuses to overlap another suspension of the same scope, naming it, but not one of another scope', () => {
    const other = { ...(fold([approved({ suspensionId: 's-rain', reason: '暴雨停工' })]) as Suspension) };
    withOthers([other])
      .given([])
      .when(approve({ from: at(DAY), until: at(3 * DAY) }))
      .thenThrows(StateConflictError, 'district huli is already suspended');
    withOthers([other])
      .given([])
      .when(approve({ scope: { kind: 'district', district: 'siming' } }))
      .then([approved({ scope: { kind: 'district', district: 'siming' } })]);
    // After the other ends, it may follow.
    withOthers([other])
      .given([])
      .when(approve({ from: at(2 * DAY), until: at(3 * DAY) }))
      .then([approved({ from: at(2 * DAY).toISOString(), until: at(3 * DAY).toISOString() })]);
  });

  it('is not approved twice', () => {
    given([approved()]).when(approve()).thenThrows(StateConflictError, 'already exists');
  });

  it('is lifted early (resumption) with a reason: the period ends then', () => {
    const liftAt = at(DAY);
    given([approved()])
      .when(lift(liftAt))
      .then([
        {
          type: 'SuspensionLifted',
          data: {
            suspensionId: ID,
            reason: '预警解除，复工',
            liftedBy: '湖里驻区工作组',
            endedAt: liftAt.toISOString(),
            occurredAt: liftAt.toISOString(),
          },
        },
      ]);
    expect(
      fold([
        approved(),
        ...decideSuspension(lift(liftAt), fold([approved()]), { suspensionId: ID, others: [] }),
      ]),
    ).toMatchObject({
      status: 'lifted',
      until: at(2 * DAY).toISOString(),
      endsAt: liftAt.toISOString(),
    });
  });

  it('lifted before it began, suspends nothing', () => {
    const events = decideSuspension(
      lift(NOW),
      fold([approved({ from: at(DAY).toISOString(), until: at(2 * DAY).toISOString() })]),
      {
        suspensionId: ID,
        others: [],
      },
    );
    expect(events[0].data).toMatchObject({ endedAt: at(DAY).toISOString() });
  });

  it('is not lifted when unknown, lifted already, or over', () => {
    given([])
      .when(lift(at(DAY)))
      .thenThrows(NotFoundError, 'does not exist');
    const lifted = decideSuspension(lift(at(DAY)), fold([approved()]), { suspensionId: ID, others: [] });
    given([approved(), ...lifted])
      .when(lift(at(DAY + 1000)))
      .thenThrows(StateConflictError, 'was lifted');
    given([approved()])
      .when(lift(at(3 * DAY)))
      .thenThrows(StateConflictError, 'there is nothing to lift');
    given([approved()])
      .when(lift(at(DAY), ' '))
      .thenThrows(InvalidCommandError, 'reason');
  });
});
