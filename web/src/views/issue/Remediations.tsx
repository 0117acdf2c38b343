import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import type { CommandAnswer, IssueView } from '../../api/types';
import { actsFor, may } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { formatDue } from '../../format/duration';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';
import { CommandDisclosure } from './CommandDisclosure';
import { extensionTally, pendingRequestOf } from './commands/extension-choices';
import { ITEM_COMMANDS } from './commands/issue-commands';

/** The remediation items: who does what by when, where each stands, and its commands. */
export function Remediations({
  issue,
  onDone,
}: {
  issue: IssueView;
  /** Without it the list is read-only (the issue as it stood at a past moment). */
  onDone?: (answer: CommandAnswer) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const now = useNow();
  if (issue.remediations.length === 0) return <p className="muted">{t('issue.noItems')}</p>;
  return (
    <ul className="items">
      {issue.remediations.map((item) => {
        const commands = onDone
          ? ITEM_COMMANDS.filter(
              (c) => may(user, c.action) && actsFor(user, issue.district) && c.available(issue, item, user),
            )
          : [];
        const tally = extensionTally(issue, item);
        const pending = pendingRequestOf(item);
        const decided = (item.extensionRequests ?? []).filter((r) => r.status === 'refused');
        return (
          <li
            key={item.remediationId}
            className={`item item-${item.status}`}
            data-remediation-id={item.remediationId}
          >
            <p className="item-head">
              <strong>{item.action}</strong>
            </p>
            <dl className="facts facts-compact">
              <div className="fact">
                <dt>{t('issue.item.unit')}</dt>
                <dd>{item.responsibleUnit}</dd>
              </div>
              <div className="fact">
                <dt>{t('issue.item.status')}</dt>
                <dd>
                  {labels.remediationStatus(item.status)}
                  {item.overdue && <span className="flag flag-red"> {t('issue.item.overdue')}</span>}
                  {!item.overdue && item.warned && (
                    <span className="flag flag-yellow"> {t('issue.item.warned')}</span>
                  )}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('issue.item.dueAt')}</dt>
                <dd>
                  {formatDateTime(item.dueAt)}
                  {(item.status === 'assigned' || item.status === 'rejected') &&
                    issue.status !== 'closed' && (
                      <span className="muted"> ({formatDue(t, item.dueAt, now)})</span>
                    )}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('issue.item.assigned')}</dt>
                <dd>
                  {item.assignedBy} · {formatDateTime(item.assignedAt)}
                </dd>
              </div>
              {item.completedAt && (
                <div className="fact">
                  <dt>{t('issue.item.completedAt')}</dt>
                  <dd>{formatDateTime(item.completedAt)}</dd>
                </div>
              )}
              {item.verifiedAt && (
                <div className="fact">
                  <dt>{t('issue.item.verifiedAt')}</dt>
                  <dd>{formatDateTime(item.verifiedAt)}</dd>
                </div>
              )}
              {item.evidence && (
                <div className="fact">
                  <dt>{t('issue.item.evidence')}</dt>
                  <dd>{item.evidence}</dd>
                </div>
              )}
              {item.comment && (
                <div className="fact">
                  <dt>{t('issue.item.comment')}</dt>
                  <dd>{item.comment}</dd>
                </div>
              )}
              {(tally.count > 0 || tally.cap !== null) && (
                <div className="fact" data-extension-count={tally.count}>
                  <dt>{t('issue.item.extensionCount')}</dt>
                  <dd>
                    {tally.cap === null
                      ? t('issue.item.extensionCountNoCap', { count: tally.count })
                      : t('issue.item.extensionCountOfCap', { count: tally.count, cap: tally.cap })}
                    {issue.extensionRule && (
                      <span className="muted">
                        {' '}
                        {t('issue.item.extensionRule', {
                          length: issue.extensionRule.maxLength,
                          approvers: issue.extensionRule.approvers.map((r) => labels.role(r)).join(' / '),
                        })}
                        {!issue.extensionRule.requesterMayApprove && ` ${t('issue.item.extensionNotAlone')}`}
                      </span>
                    )}
                  </dd>
                </div>
              )}
            </dl>
            {pending && (
              <p className="extension-request flag flag-yellow" data-request-id={pending.requestId}>
                {t('issue.item.extensionPending', {
                  to: formatDateTime(pending.newDueAt),
                  reason: pending.reason,
                  by: pending.requestedBy,
                  at: formatDateTime(pending.requestedAt),
                })}
              </p>
            )}
            {decided.length > 0 && (
              <ul className="extensions" aria-label={t('issue.item.extensionRefusals')}>
                {decided.map((r) => (
                  <li key={r.requestId}>
                    {t('issue.item.extensionRefused', {
                      to: formatDateTime(r.newDueAt),
                      by: r.decidedBy ?? '',
                      reason: r.decisionNote ?? '',
                    })}
                  </li>
                ))}
              </ul>
            )}
            {item.extensions.length > 0 && (
              <ul className="extensions" aria-label={t('issue.item.extensions')}>
                {item.extensions.map((x, i) => (
                  <li key={i}>
                    {t('issue.item.extension', {
                      from: formatDateTime(x.previousDueAt),
                      to: formatDateTime(x.newDueAt),
                      reason: x.reason,
                      by: x.approvedBy,
                    })}
                  </li>
                ))}
              </ul>
            )}
            {commands.length > 0 && onDone && (
              <div className="commands">
                {commands.map((command) => (
                  <CommandDisclosure
                    key={command.id}
                    id={command.id}
                    path={command.path(issue, item)}
                    fields={command.fields(t, user)}
                    initial={command.initial(user)}
                    onDone={onDone}
                  />
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
