import type { TFunction } from 'i18next';
import { splitDuration } from './time';

/** "2 天 3 小时" / "2 d 3 h": the two largest units of a span. */
export function formatSpan(t: TFunction, ms: number): string {
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) return t('time.daysHours', { days, hours });
  if (hours > 0) return t('time.hoursMinutes', { hours, minutes });
  return t('time.minutes', { minutes });
}

/** Time left before a due time, or how long past it, in words. */
export function formatDue(t: TFunction, dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  return ms >= 0 ? t('time.left', { span: formatSpan(t, ms) }) : t('time.over', { span: formatSpan(t, -ms) });
}

/** Whole days past a due time (the overdue list's measure), at least 0. */
export const daysOver = (dueAt: string, now: number): number =>
  Math.max(0, Math.floor((now - Date.parse(dueAt)) / 86_400_000));
