import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';
import { describeEvent } from './event-summary';

/** Records made after the fact show when they were recorded too. */
const LATE_MS = 60_000;

/** Every event of the issue, oldest first: when, what, who (and as what role), and why. */
export function Timeline({ items }: { items: HistoryItem[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <ol className="timeline">
      {items.map((item) => {
        const { what, why } = describeEvent(t, item);
        const late = Math.abs(Date.parse(item.recordedAt) - Date.parse(item.occurredAt)) > LATE_MS;
        const automatic = item.actor.startsWith('system:');
        return (
          <li key={item.position} className={`event event-${item.type}`} data-event-type={item.type}>
            <p className="event-head">
              <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time>{' '}
              <strong>{labels.eventType(item.type)}</strong>
            </p>
            <p className="event-what">{what}</p>
            {why && (
              <p className="event-why">
                <span className="label">{t('timeline.why')}</span> {why}
              </p>
            )}
            <p className="event-who muted small">
              {t('timeline.who', { actor: automatic ? t('ladder.automatic') : item.actor })}
              {item.actorRole ? ` · ${labels.role(item.actorRole)}` : ''}
              {item.actorDistrict ? ` · ${labels.district(item.actorDistrict)}` : ''}
              {late && ` · ${t('timeline.recordedAt', { time: formatDateTime(item.recordedAt) })}`}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
