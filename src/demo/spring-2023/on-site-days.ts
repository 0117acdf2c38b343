import type { District } from '../../issues/domain/vocabulary';
import { DISTRICTS } from '../../issues/domain/vocabulary';
import { group } from '../district-profiles';
import { SITES } from '../generated-content';
import { SPRING_WEEKS, workingDaysOfWeek } from './spring-calendar';

/**
 * Days on site per week, cycled over the weeks of March to June: every group near the
 * bureau's 2.5 days a week, Siming a little above, Haicang and Xiang'an below in some weeks.
 * A week cut by the start of March or a holiday has fewer working days; the group then goes
 * out on as many of them as the pattern allows.
 */
const WEEKLY_DAYS: Record<District, readonly number[]> = {
  siming: [3, 2.5, 2.5, 3, 2.5],
  huli: [2.5, 2.5, 3, 2, 2.5],
  jimei: [2.5, 3, 2.5, 2.5, 2],
  haicang: [2.5, 2, 2.5, 2.5, 2],
  tongan: [2.5, 2.5, 2, 3, 2.5],
  xiangan: [2, 2.5, 2, 2, 2.5],
};

/** Where the group went, what it did: the fields of an on-site entry. */
export interface OnSiteEntry {
  district: District;
  date: string;
  days: 0.5 | 1;
  site: string;
  summary: string;
}

const WORK = ['质量安全巡查', '问题汇总协调', '重点项目推进', '老旧小区改造现场服务', '城中村改造现场协调'];

/** The on-site days of one week: full days first on alternate days, then the half day. */
function weekEntries(district: District, monday: string, weekIndex: number): OnSiteEntry[] {
  const workingDays = workingDaysOfWeek(monday);
  const pattern = WEEKLY_DAYS[district][weekIndex % WEEKLY_DAYS[district].length];
  // A short week (first days of March, a holiday): pro rata, in half days.
  const wanted = workingDays.length >= 5 ? pattern : Math.round(((pattern * workingDays.length) / 5) * 2) / 2;
  const order = [0, 2, 4, 1, 3, 5, 6].filter((i) => i < workingDays.length);
  const entries: OnSiteEntry[] = [];
  let left = Math.min(wanted, workingDays.length);
  for (const i of order) {
    if (left <= 0) break;
    const days = left >= 1 ? 1 : 0.5;
    const sites = SITES[district];
    entries.push({
      district,
      date: workingDays[i],
      days,
      site: sites[(weekIndex + i) % sites.length],
      summary: `${group(district)}下沉一线：${WORK[(weekIndex + i) % WORK.length]}`,
    });
    left -= days;
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** Every group's on-site days from 1 March to 30 June 2023. */
export function onSiteEntries(): OnSiteEntry[] {
  return DISTRICTS.flatMap((district) =>
    SPRING_WEEKS.flatMap((monday, i) => weekEntries(district, monday, i)),
  );
}
