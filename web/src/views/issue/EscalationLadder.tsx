import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EscalationRecipient, IssueView, NextEscalation } from '../../api/types';
import { ESCALATION_LEVELS } from '../../api/vocabulary';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';
import { SuspendedNotice } from '../../components/Suspended';

const recipient = (t: TFunction, r: EscalationRecipient | null | undefined) =>
  r ? `${r.unit} · ${t('common.personTitle', { name: r.name, title: r.title })}` : null;

/** Which rules timed the next step, and how the latest change of them moved it, where one did. */
function rulesLines(t: TFunction, next: NextEscalation): string[] {
  const lines: string[] = [];
  if (next.policyVersion && next.calendarVersion)
    lines.push(t('ladder.countedBy', { policy: next.policyVersion, calendar: next.calendarVersion }));
  const moved = next.moved;
  if (moved) {
    const what = moved.by.map((b) => t(`ladder.changed.${b}`)).join(t('common.listSeparator'));
    const when = moved.installedAt ? formatDateTime(moved.installedAt) : '—';
    lines.push(
      moved.from
        ? t('ladder.movedBy', { what, when, from: formatDateTime(moved.from) })
        : t('ladder.movedByNoFrom', { what, when }),
    );
  }
  return lines;
}

/**
 * The ladder: district bureau, city division, bureau leadership. Levels reached say who raised
 * them, when, why and to whom; the next one says when the policy fires it (nextEscalation),
 * by which versions of the policy and the calendar, and how their latest change moved it. Above
 * it, the suspension holding the issue (nothing escalates meanwhile) and the deadlines it moved.
 */
export function EscalationLadder({ issue }: { issue: IssueView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const next = issue.nextEscalation ?? null;
  const movedDeadlines = issue.movedDeadlines ?? [];
  return (
    <>
      {issue.suspended && <SuspendedNotice note={issue.suspended} />}
      {movedDeadlines.length > 0 && (
        <ul className="moved-deadlines">
          {movedDeadlines.map((m) => (
            <li key={`${m.remediationId ?? 'first-response'}:${m.dueAt}`}>
              {t('suspended.movedDeadline', { due: formatDateTime(m.dueAt), to: formatDateTime(m.movedTo) })}
            </li>
          ))}
        </ul>
      )}
      <ol className="ladder">
        {ESCALATION_LEVELS.map((level) => {
          const reached = issue.escalations.filter((e) => e.level === level);
          const isNext = next?.level === level;
          const state = reached.length > 0 ? 'reached' : isNext ? 'next' : 'pending';
          return (
            <li key={level} className={`rung rung-${state}`}>
              <p className="rung-head">
                <strong>{labels.level(level)}</strong>{' '}
                <span className="rung-state">{t(`ladder.${state}`)}</span>
              </p>
              {reached.map((e, i) => (
                <p key={i} className="rung-detail">
                  {t('ladder.reachedAt', {
                    time: formatDateTime(e.occurredAt),
                    by: e.by === 'system:escalation' ? t('ladder.automatic') : e.by,
                    trigger: labels.trigger(e.trigger),
                  })}
                  {e.trigger === 'manual' && e.reason ? ` — ${e.reason}` : ''}
                  {recipient(t, e.escalatedTo) && (
                    <>
                      <br />
                      {t('ladder.goesTo', { to: recipient(t, e.escalatedTo) })}
                    </>
                  )}
                </p>
              ))}
              {isNext && next && (
                <p className="rung-detail">
                  {t('ladder.firesAt', {
                    time: formatDateTime(next.at),
                    trigger: labels.trigger(next.trigger),
                    due: formatDateTime(next.suspendedDueAt ?? next.dueAt),
                  })}
                  {next.warningAt && (
                    <>
                      <br />
                      {t('ladder.warningAt', { time: formatDateTime(next.warningAt) })}
                    </>
                  )}
                  {recipient(t, next.goesTo) && (
                    <>
                      <br />
                      {t('ladder.goesTo', { to: recipient(t, next.goesTo) })}
                    </>
                  )}
                  {rulesLines(t, next).map((line) => (
                    <span key={line} className="rung-rules">
                      <br />
                      {line}
                    </span>
                  ))}
                </p>
              )}
            </li>
          );
        })}
        {issue.status !== 'closed' && next === null && issue.escalationLevel < 3 && (
          <li className="rung rung-none">{t('ladder.nothingScheduled')}</li>
        )}
        {(issue.cannotSchedule ?? []).map((why) => (
          <li key={why} className="rung rung-warning" role="note">
            {t('ladder.cannotSchedule', { why })}
          </li>
        ))}
      </ol>
    </>
  );
}
