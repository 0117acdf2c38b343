import { InvalidCommandError, NotFoundError, StateConflictError } from '../../shared-kernel/domain-errors';
import { required } from '../../issues/domain/decide/guards';
import { CLOCK_SKEW_MS, assertBusinessTime } from '../../issues/domain/time-rules';
import type { ApproveSuspension, LiftSuspension, SuspensionCommand } from './suspension-commands';
import type { SuspensionEvent } from './suspension-events';
import { MAX_SUSPENSION_LEAD_MS, MAX_SUSPENSION_MS } from './suspension-limits';
import { sameScope, scopeText } from './suspension-scope';
import type { Suspension, SuspensionState } from './suspension-state';

/** What the decider needs besides the stream: its id, and the other suspensions on record. */
export interface SuspensionDecisionContext {
  suspensionId: string;
  /** Every other suspension (the caller reads them from the log), for the overlap rule. */
  others: readonly Suspension[];
}

/**
 * The Suspension decider: approving a suspension of an issue, a district or the city for a
 * period, and lifting it early (resumption). Pure: time from `command.metadata`; the other
 * suspensions from the caller.
 */
export function decideSuspension(
  command: SuspensionCommand,
  state: SuspensionState,
  context: SuspensionDecisionContext,
): SuspensionEvent[] {
  assertBusinessTime('occurredAt', command.metadata.occurredAt, command.metadata.now);
  switch (command.type) {
    case 'ApproveSuspension':
      return approve(command, state, context);
    case 'LiftSuspension':
      return lift(command, state, context.suspensionId);
    default: {
      const unexpected: never = command;
      throw new InvalidCommandError('type', `unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}

function approve(
  command: ApproveSuspension,
  state: SuspensionState,
  context: SuspensionDecisionContext,
): SuspensionEvent[] {
  if (state.status !== 'none')
    throw new StateConflictError(`suspension ${context.suspensionId} already exists`);
  const { scope, from, until } = command.data;
  const now = command.metadata.now;
  const reason = required('reason', command.data.reason);
  const by = required('approvedBy', command.data.by);
  for (const [field, time] of [
    ['from', from],
    ['until', until],
  ] as const)
    if (!(time instanceof Date) || Number.isNaN(time.getTime()))
      throw new InvalidCommandError(field, 'is not a valid time; send an ISO-8601 timestamp');
  if (until <= from)
    throw new InvalidCommandError(
      'until',
      `${until.toISOString()} must be later than from (${from.toISOString()})`,
    );
  if (until.getTime() - from.getTime() > MAX_SUSPENSION_MS)
    throw new InvalidCommandError(
      'until',
      'a suspension lasts at most 31 days; for a longer stop extend the items or change the policy',
    );
  if (from.getTime() < now.getTime() - CLOCK_SKEW_MS)
    throw new InvalidCommandError(
      'from',
      `${from.toISOString()} is in the past (server time ${now.toISOString()}); a suspension starts now or later, since what fell due before it has fired`,
    );
  if (from.getTime() > now.getTime() + MAX_SUSPENSION_LEAD_MS)
    throw new InvalidCommandError(
      'from',
      `${from.toISOString()} is more than 31 days ahead; approve it nearer the time`,
    );
  const clash = context.others.find(
    (other) =>
      other.suspensionId !== context.suspensionId &&
      sameScope(other.scope, scope) &&
      Date.parse(other.from) < until.getTime() &&
      from.getTime() < Date.parse(other.endsAt),
  );
  if (clash)
    throw new StateConflictError(
      `${scopeText(scope)} is already suspended from ${clash.from} until ${clash.endsAt} ` +
        `(suspension ${clash.suspensionId}, ${clash.reason}); lift it or choose a period that does not overlap`,
    );
  return [
    {
      type: 'SuspensionApproved',
      data: {
        suspensionId: context.suspensionId,
        scope,
        from: from.toISOString(),
        until: until.toISOString(),
        reason,
        approvedBy: by,
        occurredAt: command.metadata.occurredAt.toISOString(),
      },
    },
  ];
}

function lift(command: LiftSuspension, state: SuspensionState, suspensionId: string): SuspensionEvent[] {
  if (state.status === 'none') throw new NotFoundError(`suspension ${suspensionId} does not exist`);
  if (state.status === 'lifted')
    throw new StateConflictError(`suspension ${suspensionId} was lifted at ${state.endsAt} already`);
  const now = command.metadata.now;
  if (now.getTime() >= Date.parse(state.until))
    throw new StateConflictError(
      `suspension ${suspensionId} ended at ${state.until}; there is nothing to lift`,
    );
  const reason = required('reason', command.data.reason);
  const by = required('liftedBy', command.data.by);
  // Lifted before it began, it suspends nothing at all.
  const endedAt = new Date(Math.max(now.getTime(), Date.parse(state.from))).toISOString();
  return [
    {
      type: 'SuspensionLifted',
      data: {
        suspensionId,
        reason,
        liftedBy: by,
        endedAt,
        occurredAt: command.metadata.occurredAt.toISOString(),
      },
    },
  ];
}
