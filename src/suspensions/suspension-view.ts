import type { Suspension } from './domain';

/** A suspension as the routes show it, with whether it holds at `now`. */
export type SuspensionView = Suspension & {
  /** `upcoming` (from still ahead), `in-force`, or `over` (ended or lifted). */
  phase: 'upcoming' | 'in-force' | 'over';
};

export function suspensionView(suspension: Suspension, now: Date): SuspensionView {
  const t = now.toISOString();
  const phase =
    t < suspension.from && suspension.endsAt > suspension.from
      ? 'upcoming'
      : t < suspension.endsAt && t >= suspension.from
        ? 'in-force'
        : 'over';
  return { ...suspension, phase };
}

/** What the issue view and the board say of a suspension covering an issue. */
export interface SuspendedNote {
  suspensionId: string;
  from: string;
  until: string;
  reason: string;
  scope: Suspension['scope']['kind'];
}

/** The suspension in force over an issue at `now`, or else the next one to come; null for none. */
export function suspendedNote(periods: readonly Suspension[], now: Date): SuspendedNote | null {
  const t = now.toISOString();
  const current = periods.filter((p) => p.endsAt > t).sort((a, b) => a.from.localeCompare(b.from))[0];
  if (!current) return null;
  return {
    suspensionId: current.suspensionId,
    from: current.from,
    until: current.endsAt,
    reason: current.reason,
    scope: current.scope.kind,
  };
}
