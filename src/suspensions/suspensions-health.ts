import type { Suspension } from './domain';
import type { SuspensionBook } from './suspension-book';

/** A suspension as /health shows it: what and until when, naming no issue and no person. */
export interface SuspensionHealth {
  suspensionId: string;
  scope: Suspension['scope']['kind'];
  /** The district of a district's or an issue's suspension; absent for the city's. */
  district?: string;
  from: string;
  until: string;
  reason: string;
}

/**
 * What /health says of suspensions: those in force and those approved to come. A book that
 * cannot be read (the store away) says so instead of failing the probe.
 */
export async function suspensionsHealth(
  book: SuspensionBook,
  now: Date,
): Promise<{ inForce: SuspensionHealth[]; upcoming: SuspensionHealth[] } | { error: string }> {
  try {
    await book.refresh();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const t = now.toISOString();
  const shown = (s: Suspension): SuspensionHealth => ({
    suspensionId: s.suspensionId,
    scope: s.scope.kind,
    ...(s.scope.kind !== 'city' && { district: s.scope.district }),
    from: s.from,
    until: s.endsAt,
    reason: s.reason,
  });
  const all = book.all().sort((a, b) => a.from.localeCompare(b.from));
  return {
    inForce: all.filter((s) => s.from <= t && t < s.endsAt).map(shown),
    upcoming: all.filter((s) => t < s.from && s.from < s.endsAt).map(shown),
  };
}
