import type { SuspensionEvent } from './suspension-events';
import type { SuspensionScope } from './suspension-scope';

/** A suspension as its stream tells it; `endsAt` is where the suspended period ends now. */
export interface Suspension {
  status: 'approved' | 'lifted';
  suspensionId: string;
  scope: SuspensionScope;
  from: string;
  until: string;
  /** `until`, or the time it was lifted (never before `from`). */
  endsAt: string;
  reason: string;
  approvedBy: string;
  approvedAt: string;
  lifted: { by: string; reason: string; at: string } | null;
}

export type SuspensionState = { status: 'none' } | Suspension;

export const initialSuspensionState = (): SuspensionState => ({ status: 'none' });

export function evolveSuspension(state: SuspensionState, event: SuspensionEvent): SuspensionState {
  switch (event.type) {
    case 'SuspensionApproved': {
      const d = event.data;
      return {
        status: 'approved',
        suspensionId: d.suspensionId,
        scope: d.scope,
        from: d.from,
        until: d.until,
        endsAt: d.until,
        reason: d.reason,
        approvedBy: d.approvedBy,
        approvedAt: d.occurredAt,
        lifted: null,
      };
    }
    case 'SuspensionLifted':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'lifted',
        endsAt: event.data.endedAt,
        lifted: { by: event.data.liftedBy, reason: event.data.reason, at: event.data.occurredAt },
      };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown suspension event ${JSON.stringify(unexpected)}`);
    }
  }
}
