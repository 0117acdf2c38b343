import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks/useNow';
import type { IssueView } from '../api/types';
import { appPath, Link } from '../app/router';
import { daysOver, formatDue } from '../format/duration';
import { formatDateTime } from '../format/time';
import { useLabels } from '../i18n/labels';
import { Light } from './Light';
import { SuspendedBadge } from './Suspended';

export type TimeColumn = 'nextDue' | 'timeLeft' | 'daysOver';

/**
 * Issues as a table on a desk and as cards on a phone (each cell names its column, so a card
 * still reads as label: value).
 */
export function IssueTable({
  issues,
  time,
  caption,
  showDistrict = true,
}: {
  issues: IssueView[];
  time: TimeColumn;
  caption: string;
  /** Off for a district user: every row is its district. */
  showDistrict?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const now = useNow();
  if (issues.length === 0) return <p className="empty">{t('board.empty')}</p>;
  const timeHeader = t(`board.column.${time}`);
  return (
    <table className="issue-table responsive-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('board.column.light')}</th>
          <th scope="col">{t('board.column.title')}</th>
          {showDistrict && <th scope="col">{t('board.column.district')}</th>}
          <th scope="col">{t('board.column.severity')}</th>
          <th scope="col">{t('board.column.status')}</th>
          <th scope="col">{t('board.column.level')}</th>
          <th scope="col">{timeHeader}</th>
          <th scope="col">{t('board.column.reported')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => (
          <tr key={issue.id} data-issue-id={issue.id}>
            <td data-label={t('board.column.light')} className="nowrap">
              <Light light={issue.light} />
            </td>
            <td data-label={t('board.column.title')} className="cell-title">
              <Link to={appPath('issues', issue.id)}>{issue.title}</Link>
              {issue.suspended && (
                <>
                  {' '}
                  <SuspendedBadge note={issue.suspended} now={now} />
                </>
              )}
              <span className="muted small cell-sub">
                {labels.category(issue.category)}
                {issue.site ? ` · ${issue.site}` : ''}
              </span>
            </td>
            {showDistrict && (
              <td data-label={t('board.column.district')} className="nowrap">
                {labels.district(issue.district)}
              </td>
            )}
            <td data-label={t('board.column.severity')} className="nowrap">
              <span className={`severity severity-${issue.severity}`}>{labels.severity(issue.severity)}</span>
            </td>
            <td data-label={t('board.column.status')} className="nowrap">
              {labels.status(issue.status)}
            </td>
            <td data-label={t('board.column.level')} className="nowrap">
              {issue.escalationLevel > 0 ? labels.level(issue.escalationLevel) : '—'}
            </td>
            <td data-label={timeHeader} className="nowrap">
              {issue.nextDueAt === null || issue.status === 'closed'
                ? '—'
                : time === 'daysOver'
                  ? t('time.daysOver', { count: daysOver(issue.nextDueAt, now) })
                  : time === 'timeLeft'
                    ? formatDue(t, issue.nextDueAt, now)
                    : formatDateTime(issue.nextDueAt)}
            </td>
            <td data-label={t('board.column.reported')} className="nowrap">
              {formatDateTime(issue.reportedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
