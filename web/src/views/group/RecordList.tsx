import { useTranslation } from 'react-i18next';
import { post } from '../../api/http';
import type { CommandAnswer, RecordEntry } from '../../api/types';
import { CommandForm } from '../../components/CommandForm';
import { useLabels } from '../../i18n/labels';
import { withdrawalFields } from './record-forms';

/** The record's entries; a writer may withdraw one (with a reason; the history keeps it). */
export function RecordList({
  district,
  entries,
  canWrite,
  onDone,
}: {
  district: string;
  entries: RecordEntry[];
  canWrite: boolean;
  onDone: (answer: CommandAnswer) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (entries.length === 0) return <p className="empty">{t('record.empty')}</p>;
  return (
    <table className="record-table responsive-table">
      <caption className="sr-only">{t('record.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('fields.date')}</th>
          <th scope="col">{t('fields.kind')}</th>
          <th scope="col">{t('record.what')}</th>
          <th scope="col">{t('fields.participants')}</th>
          <th scope="col">{t('fields.members')}</th>
          {canWrite && <th scope="col">{t('record.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const withdrawn = entry.withdrawn === true || entry.status === 'withdrawn';
          return (
            <tr
              key={entry.entryId}
              className={withdrawn ? 'withdrawn' : undefined}
              data-entry-id={entry.entryId}
            >
              <td data-label={t('fields.date')}>{entry.date}</td>
              <td data-label={t('fields.kind')}>
                {labels.activityKind(entry.kind)}
                {entry.kind === 'on-site' && entry.days ? ` · ${t('record.days', { days: entry.days })}` : ''}
                {withdrawn && <span className="flag"> {t('record.withdrawn')}</span>}
              </td>
              <td data-label={t('record.what')}>
                {[entry.topic, entry.site, entry.summary].filter(Boolean).join(' — ') || '—'}
              </td>
              <td data-label={t('fields.participants')}>{entry.participants ?? '—'}</td>
              <td data-label={t('fields.members')}>
                {entry.members?.join(t('common.listSeparator')) || '—'}
              </td>
              {canWrite && (
                <td data-label={t('record.actions')}>
                  {!withdrawn && (
                    <details className="command">
                      <summary>{t('record.withdraw')}</summary>
                      <CommandForm
                        id={`withdraw-${entry.entryId}`}
                        fields={withdrawalFields}
                        submitLabel={t('record.withdrawSubmit')}
                        send={(body, key) =>
                          post<CommandAnswer>(
                            `/groups/${encodeURIComponent(district)}/record/${encodeURIComponent(entry.entryId)}/withdrawal`,
                            body,
                            key,
                          )
                        }
                        onDone={onDone}
                      />
                    </details>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
