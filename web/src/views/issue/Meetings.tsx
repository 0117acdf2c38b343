import { useTranslation } from 'react-i18next';
import type { MeetingEntry } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';

/** The meetings held on the issue: kind, when, who convened and attended, what was decided. */
export function Meetings({ meetings }: { meetings: MeetingEntry[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (meetings.length === 0) return <p className="muted">{t('issue.noMeetings')}</p>;
  return (
    <ul className="meetings">
      {meetings.map((m) => (
        <li key={m.meetingId} className="meeting">
          <p>
            <strong>{labels.meetingKind(m.kind)}</strong> ·{' '}
            <time dateTime={m.heldAt}>{formatDateTime(m.heldAt)}</time> ·{' '}
            {t('issue.meeting.convenedBy', { by: m.convenedBy })}
          </p>
          <p>
            <span className="label">{t('issue.meeting.attendees')}</span>{' '}
            {m.attendees.join(t('common.listSeparator'))}
          </p>
          {m.summary && <p>{m.summary}</p>}
          {m.decisions.length > 0 && (
            <>
              <p className="label">{t('issue.meeting.decisions')}</p>
              <ul>
                {m.decisions.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
