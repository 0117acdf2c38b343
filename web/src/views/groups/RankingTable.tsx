import { useTranslation } from 'react-i18next';
import type { PerformanceRow } from '../../api/types';
import { appPath, Link } from '../../app/router';
import { useLabels } from '../../i18n/labels';

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const days = (hours: number | null) => (hours === null ? '—' : (hours / 24).toFixed(1));

/** The ranking with every measure, and each group's score broken down by measure. */
export function RankingTable({ rows, caption }: { rows: PerformanceRow[]; caption: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const hasScore = rows.some((r) => r.score !== undefined);
  const hasRecord = rows.some((r) => r.onSiteDays !== undefined);
  return (
    <table className="ranking responsive-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('groups.col.rank')}</th>
          <th scope="col">{t('groups.col.group')}</th>
          {hasScore && <th scope="col">{t('groups.col.score')}</th>}
          <th scope="col">{t('groups.col.onTimeRate')}</th>
          <th scope="col">{t('groups.col.closed')}</th>
          <th scope="col">{t('groups.col.daysToClose')}</th>
          <th scope="col">{t('groups.col.overdue')}</th>
          <th scope="col">{t('groups.col.escalations')}</th>
          <th scope="col">{t('groups.col.meetings')}</th>
          {hasRecord && <th scope="col">{t('groups.col.onSite')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.district} data-district={row.district}>
            <td data-label={t('groups.col.rank')}>
              <span className="rank">{row.rank}</span>
            </td>
            <th scope="row" data-label={t('groups.col.group')}>
              <Link to={appPath('groups', row.district)}>{labels.district(row.district)}</Link>
            </th>
            {hasScore && (
              <td data-label={t('groups.col.score')}>
                {row.score === undefined ? (
                  '—'
                ) : (
                  <details className="score">
                    <summary>
                      <strong>{row.score.toFixed(1)}</strong>
                      <span className="sr-only"> {t('groups.scoreBreakdown')}</span>
                    </summary>
                    <ul>
                      {Object.entries(row.scoreParts ?? {}).map(([measure, points]) => (
                        <li key={measure}>
                          {t(`measure.${measure}`, { defaultValue: measure })}: {points.toFixed(1)}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            )}
            <td data-label={t('groups.col.onTimeRate')}>{pct(row.onTimeRate)}</td>
            <td data-label={t('groups.col.closed')}>
              {t('groups.closedOf', { closed: row.closed, onTime: row.closedOnTime, reported: row.reported })}
            </td>
            <td data-label={t('groups.col.daysToClose')}>{days(row.medianHoursToClose)}</td>
            <td data-label={t('groups.col.overdue')}>{row.openOverdue}</td>
            <td data-label={t('groups.col.escalations')}>
              {t('groups.escalationsByLevel', row.escalations)}
            </td>
            <td data-label={t('groups.col.meetings')}>{row.meetings}</td>
            {hasRecord && (
              <td data-label={t('groups.col.onSite')}>
                {row.onSiteDays === undefined
                  ? '—'
                  : t('groups.onSiteOf', {
                      days: row.onSiteDays,
                      target: row.onSiteTarget ?? '—',
                      weeksOnTarget: row.weeksOnTarget ?? 0,
                      weeks: row.weeks ?? 0,
                    })}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
