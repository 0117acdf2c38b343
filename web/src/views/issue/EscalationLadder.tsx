import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EscalationRecipient, IssueView } from '../../api/types';
import { ESCALATION_LEVELS } from '../../api/vocabulary';
import { formatDateTime } from '../../format/time';
import { useLabels } from '../../i18n/labels';

const recipient = (t: TFunction, r: EscalationRecipient | null | undefined) =>
  r ? `${r.unit} · ${t('common.personTitle', { name: r.name, title: r.title })}` : null;

/**
 * The ladder: district bureau, city division, bureau leadership. Levels reached say who raised
 * them, when, why and to whom; the next one says when the policy fires it (nextEscalation).
 */
export function EscalationLadder({ issue }: { issue: IssueView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const next = issue.nextEscalation ?? null;
  return (
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
                  due: formatDateTime(next.dueAt),
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
  );
}
