import * as path from 'node:path';
import type { CalendarConfig } from '../../config/app-config';
import { packageSource, workingCalendarFrom } from '../calendar/chinese-working-calendar';
import { loadHolidaysFile, type HolidayYear } from '../calendar/holidays-file';
import type { UncoveredYearsMode, WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationPolicy } from '../policy/escalation-policy';
import { escalationPolicyFrom, readPolicyDocument } from '../policy/load-policy';
import { canonical, contentVersion } from './content-version';

/** What a calendar version holds: the package it starts from, the file's years, the mode for the rest. */
export interface CalendarContent {
  package: string;
  uncoveredYears: UncoveredYearsMode;
  /** The calendar file's years by year, as published; empty without a file. */
  years: Record<string, { source: string; holidays: string[]; workdays: string[] }>;
}

/**
 * One version of the rules: the policy and the calendar, each with the content it was built
 * from (as the log records it) and that content's version.
 */
export interface RulesSnapshot {
  policy: EscalationPolicy;
  policyVersion: string;
  /** The policy file's document, keys in order. */
  policyContent: unknown;
  calendar: WorkingCalendar;
  calendarVersion: string;
  calendarContent: CalendarContent;
}

/** Where the rules are read from: ESCALATION_POLICY, HOLIDAYS_FILE and CALENDAR_UNCOVERED_YEARS. */
export interface RulesFiles {
  policyFile: string;
  calendar: CalendarConfig;
}

/**
 * Reads and validates the policy and calendar files into one snapshot.
 * @throws PolicyError or HolidaysFileError naming the file and the bad entry.
 */
export function loadRules(files: RulesFiles): RulesSnapshot {
  const policyContent = canonical(readPolicyDocument(files.policyFile));
  const policy = escalationPolicyFrom(policyContent, files.policyFile);
  const file = files.calendar.holidaysFile ? loadHolidaysFile(files.calendar.holidaysFile) : null;
  const calendarContent: CalendarContent = {
    package: packageSource(),
    uncoveredYears: files.calendar.uncoveredYears,
    years: Object.fromEntries((file?.years ?? []).map((y) => [String(y.year), yearContent(y)])),
  };
  return {
    policy,
    policyVersion: contentVersion(policyContent),
    policyContent,
    calendar: workingCalendarFrom(file, files.calendar.uncoveredYears),
    calendarVersion: contentVersion(calendarContent),
    calendarContent,
  };
}

/**
 * A snapshot rebuilt from contents the log recorded, to compare an earlier version's times
 * with today's. The calendar starts from the package this build has (a package upgrade between
 * the versions is not replayed).
 */
export function rulesFromContent(
  policy: { content: unknown; source: string },
  calendar: { content: CalendarContent; source: string | null },
): RulesSnapshot {
  const file =
    calendar.source === null && Object.keys(calendar.content.years).length === 0
      ? null
      : {
          file: path.resolve(calendar.source ?? 'HOLIDAYS_FILE'),
          years: Object.entries(calendar.content.years).map(([year, y]) => ({ year: Number(year), ...y })),
        };
  return {
    policy: escalationPolicyFrom(policy.content, policy.source),
    policyVersion: contentVersion(policy.content),
    policyContent: policy.content,
    calendar: workingCalendarFrom(file, calendar.content.uncoveredYears),
    calendarVersion: contentVersion(calendar.content),
    calendarContent: calendar.content,
  };
}

const yearContent = (y: HolidayYear) => ({ source: y.source, holidays: y.holidays, workdays: y.workdays });
