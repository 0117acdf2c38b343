import { useTranslation } from 'react-i18next';
import type { IssueView } from '../../api/types';
import { Light } from '../../components/Light';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';

/** What the issue is: the facts of its report and where it stands now. */
export function IssueFacts({ issue }: { issue: IssueView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const facts: Array<[string, React.ReactNode]> = [
    ['status', labels.status(issue.status)],
    ['light', <Light key="light" light={issue.light} />],
    ['level', issue.escalationLevel > 0 ? labels.level(issue.escalationLevel) : t('issue.notEscalated')],
    ['nextDueAt', formatDateTime(issue.nextDueAt)],
    ['category', labels.category(issue.category)],
    ['severity', labels.severity(issue.severity)],
    ['district', labels.district(issue.district)],
    ['site', issue.site ?? '—'],
    ['source', labels.source(issue.source)],
    ['reportedBy', issue.reportedBy],
    ['reportedAt', formatDateTime(issue.reportedAt)],
    ['firstResponseAt', formatDateTime(issue.firstResponseAt)],
    ['closedAt', formatDateTime(issue.closedAt)],
  ];
  return (
    <>
      <dl className="facts">
        {facts.map(([key, value]) => (
          <div key={key} className="fact">
            <dt>{t(`issue.fact.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {issue.description && <p className="description">{issue.description}</p>}
    </>
  );
}
