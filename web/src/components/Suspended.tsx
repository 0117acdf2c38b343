import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SuspendedNote } from '../api/types';
import { formatDateTime } from '../format/time';
import { useNow } from '../hooks/useNow';

/** Whether the suspension holds now, or is approved and still to come. */
const inForce = (note: SuspendedNote, now: number) => Date.parse(note.from) <= now;

/**
 * A board row's mark for an issue a suspension (挂起, force majeure) holds: nothing escalates
 * while it does. The full sentence (until when, why) is its accessible name and tooltip.
 */
export function SuspendedBadge({
  note,
  now,
}: {
  note: SuspendedNote;
  /** The table's clock (`useNow`): one timer for all its rows, not one per mark. */
  now: number;
}) {
  const { t } = useTranslation();
  const sentence = suspendedSentence(t, note, now);
  return (
    <span className="badge badge-suspended" title={sentence} aria-label={sentence}>
      {t(inForce(note, now) ? 'suspended.badge' : 'suspended.upcomingBadge')}
    </span>
  );
}

/** The issue page's note: what holds the issue, from when to when, why, and what that means. */
export function SuspendedNotice({ note }: { note: SuspendedNote }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <p className="suspended-notice" role="note">
      <strong>{t(inForce(note, now) ? 'suspended.badge' : 'suspended.upcomingBadge')}</strong>{' '}
      {suspendedSentence(t, note, now)}
    </p>
  );
}

function suspendedSentence(t: TFunction, note: SuspendedNote, now: number): string {
  return t(inForce(note, now) ? 'suspended.inForce' : 'suspended.upcoming', {
    scope: t(`suspended.scope.${note.scope}`),
    from: formatDateTime(note.from),
    until: formatDateTime(note.until),
    reason: note.reason,
  });
}
