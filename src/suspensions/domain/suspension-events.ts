import type { SuspensionScope } from './suspension-scope';

/**
 * The Suspension aggregate's events (挂起 for force majeure: a typhoon warning, a heavy-rain
 * stop), one stream per suspension. Plain `{ type, data }` facts with their business time.
 */
export type SuspensionApproved = {
  type: 'SuspensionApproved';
  data: {
    suspensionId: string;
    scope: SuspensionScope;
    /** The period: deadlines stop at `from` and run on at `until` (ISO). */
    from: string;
    until: string;
    /** Why, e.g. 台风预警 / 暴雨停工. */
    reason: string;
    /** The person or office it was approved by (defaults to the principal's display name). */
    approvedBy: string;
    occurredAt: string;
  };
};

/** Lifted before its end (resumption, 复工): deadlines run on from `endedAt`. */
export type SuspensionLifted = {
  type: 'SuspensionLifted';
  data: {
    suspensionId: string;
    reason: string;
    liftedBy: string;
    /** Where the suspended period now ends: the lift time, or `from` for one lifted before it began. */
    endedAt: string;
    occurredAt: string;
  };
};

export type SuspensionEvent = SuspensionApproved | SuspensionLifted;

export const SUSPENSION_EVENT_TYPES: readonly SuspensionEvent['type'][] = [
  'SuspensionApproved',
  'SuspensionLifted',
];

/** One stream per suspension. */
export const suspensionStreamId = (suspensionId: string): string => `suspension-${suspensionId}`;
