import type { TFunction } from 'i18next';
import type { HistoryItem } from '../../api/types';
import { formatDateTime } from '../../format/time';

function text(v: unknown, separator: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => text(x, separator)).join(separator);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

/** The rule versions an automatic step names (events before them name none). */
const countedBy = (t: TFunction, d: Record<string, unknown>): string =>
  typeof d.policyVersion === 'string' && typeof d.calendarVersion === 'string'
    ? t('timeline.countedBy', { policy: d.policyVersion, calendar: d.calendarVersion })
    : '';

const joined = (parts: string[]): string | null => parts.filter(Boolean).join(' — ') || null;

/**
 * One event in words: what happened (the details that matter) and why, where the event says.
 * Unknown types (a newer engine) still show their data rather than nothing.
 */
export function describeEvent(t: TFunction, item: HistoryItem): { what: string; why: string | null } {
  const d = item.data;
  const separator = t('common.listSeparator');
  const s = (key: string) => text(d[key], separator);
  switch (item.type) {
    case 'IssueReported':
      return {
        what: t('timeline.IssueReported', { title: s('title'), by: s('reportedBy') }),
        why: s('description') || null,
      };
    case 'MeetingConvened':
      return {
        what: t('timeline.MeetingConvened', {
          kind: t(`meetingKind.${s('kind')}`, { defaultValue: s('kind') }),
          attendees: s('attendees'),
          time: formatDateTime(s('heldAt')),
        }),
        why: [s('summary'), s('decisions')].filter(Boolean).join(' — ') || null,
      };
    case 'RemediationAssigned':
      return {
        what: t('timeline.RemediationAssigned', {
          unit: s('responsibleUnit'),
          action: s('action'),
          due: formatDateTime(s('dueAt')),
        }),
        why: null,
      };
    case 'RemediationCompleted':
      return {
        what: t('timeline.RemediationCompleted', { by: s('reportedBy') }),
        why: s('evidence') || null,
      };
    case 'RemediationVerified':
      return { what: t('timeline.RemediationVerified', { by: s('verifiedBy') }), why: s('comment') || null };
    case 'RemediationRejected':
      return { what: t('timeline.RemediationRejected', { by: s('verifiedBy') }), why: s('comment') || null };
    case 'DeadlineExtended':
      return {
        what: t('timeline.DeadlineExtended', {
          from: formatDateTime(s('previousDueAt')),
          to: formatDateTime(s('newDueAt')),
          by: s('approvedBy'),
        }),
        why: s('reason') || null,
      };
    case 'ExtensionRequested':
      return {
        what: t('timeline.ExtensionRequested', { by: s('requestedBy'), to: formatDateTime(s('newDueAt')) }),
        why: s('reason') || null,
      };
    case 'ExtensionApproved':
      return { what: t('timeline.ExtensionApproved', { by: s('approvedBy') }), why: s('comment') || null };
    case 'ExtensionRefused':
      return { what: t('timeline.ExtensionRefused', { by: s('refusedBy') }), why: s('reason') || null };
    case 'IssueEscalated':
      return {
        what: t('timeline.IssueEscalated', {
          level: t(`level.${s('level')}`, { defaultValue: s('level') }),
          trigger: t(`trigger.${s('trigger')}`, { defaultValue: s('trigger') }),
        }),
        why:
          s('trigger') === 'manual'
            ? s('reason') || null
            : joined([
                s('dueAt') ? t('timeline.measuredAgainst', { due: formatDateTime(s('dueAt')) }) : '',
                countedBy(t, d),
              ]),
      };
    case 'EscalationWarningIssued':
      return {
        what: t('timeline.EscalationWarningIssued', {
          due: formatDateTime(s('dueAt')),
          level: t(`level.${s('nextLevel')}`, { defaultValue: s('nextLevel') }),
          time: formatDateTime(s('escalatesAt')),
        }),
        why: joined([countedBy(t, d)]),
      };
    case 'IssueClosed':
      return {
        what: t(d.forced === true ? 'timeline.IssueClosedForced' : 'timeline.IssueClosed', {
          by: s('closedBy'),
        }),
        why: s('resolution') || null,
      };
    case 'IssueReopened':
      return { what: t('timeline.IssueReopened', { by: s('by') }), why: s('reason') || null };
    default:
      return { what: text(d, separator), why: s('reason') || s('comment') || null };
  }
}
