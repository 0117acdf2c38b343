import type { Duration } from './duration';
import { PolicyError } from './escalation-policy';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** A century: anything longer is surely a typo, and a huge one would overflow a Date. */
const LONGEST_MS = 100 * 366 * UNIT_MS.d;

const HOW_TO_WRITE = 'write e.g. 30s, 15m, 4h, 3d, 2w or 5wd (working days)';

/** `1d 4h`, `90m`, `1h30m`: numbers with a unit, summed; days and weeks are calendar time. */
const SHORT_FORM = /^(?:\d+(?:\.\d+)?\s*[smhdw]\s*)+$/;
const SHORT_PART = /(\d+(?:\.\d+)?)\s*([smhdw])/g;
/** ISO-8601 without years or months, whose length varies: `P2W`, `P3D`, `PT2H`, `P1DT12H`, `PT0S`. */
const ISO_FORM =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
/** `5wd`, `5 wd`, `5 working days`, `1 working day`; the number is checked to be whole below. */
const WORKING_DAYS = /^(\d+(?:\.\d+)?)\s*(?:wd|working\s+days?)$/;

/**
 * A policy duration from how a person wrote it. Calendar time: `30s`, `15m`, `4h`, `3d`, `2w`,
 * combined as `1d 4h`, ISO-8601 (`PT2H`, `P3D`, `P2W`, `PT0S`) or `0`. Working days: `5wd` or
 * `5 working days`, whole and on their own, since "2 working days and 3 hours" has no single
 * meaning across a holiday.
 * @param where names the entry for the error, e.g. `ESCALATION_POLICY x.yaml: rules.petition-complaint.*.firstResponse`.
 * @throws PolicyError naming `where`, the bad text and how to write it.
 */
export function parseDuration(text: unknown, where: string): Duration {
  if (text === 0) return { kind: 'calendar', ms: 0, text: '0' };
  if (text === undefined || text === null) throw new PolicyError(`${where}: is missing; ${HOW_TO_WRITE}`);
  if (typeof text === 'number') {
    throw new PolicyError(`${where}: ${text} has no unit; ${HOW_TO_WRITE}`);
  }
  if (typeof text !== 'string') {
    throw new PolicyError(`${where}: ${JSON.stringify(text)} is not a duration; ${HOW_TO_WRITE}`);
  }
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  const notADuration = (why = ''): PolicyError =>
    new PolicyError(`${where}: "${text}" is not a duration${why}; ${HOW_TO_WRITE}`);

  if (lower === '0') return { kind: 'calendar', ms: 0, text: trimmed };
  if (lower.startsWith('-')) throw notADuration(' (durations cannot be negative)');

  const workingDays = WORKING_DAYS.exec(lower);
  if (workingDays) {
    const days = Number(workingDays[1]);
    if (!Number.isInteger(days)) throw notADuration(' (working days are counted whole)');
    return { kind: 'working-days', days, text: trimmed };
  }
  if (/\d\s*(?:wd|working)/.test(lower)) {
    throw notADuration(' (working days cannot be combined with calendar units)');
  }

  if (SHORT_FORM.test(lower)) {
    let ms = 0;
    for (const [, amount, unit] of lower.matchAll(SHORT_PART)) ms += Number(amount) * UNIT_MS[unit];
    return calendar(Math.round(ms), trimmed, notADuration);
  }

  const iso = ISO_FORM.exec(trimmed.toUpperCase());
  // `P` and `PT` alone match the pattern but name no amount.
  if (iso && iso.slice(1).some((part) => part !== undefined) && !trimmed.toUpperCase().endsWith('T')) {
    const [, weeks, days, hours, minutes, seconds] = iso.map((part) => Number(part ?? 0));
    const ms =
      weeks * UNIT_MS.w + days * UNIT_MS.d + hours * UNIT_MS.h + minutes * UNIT_MS.m + seconds * UNIT_MS.s;
    return calendar(Math.round(ms), trimmed, notADuration);
  }
  // Months only appear before the T; after it, M is minutes.
  if (/^P[^T]*\d[YM]/i.test(trimmed)) {
    throw notADuration(' (years and months vary in length; use days or weeks)');
  }
  throw notADuration();
}

function calendar(ms: number, text: string, notADuration: (why: string) => PolicyError): Duration {
  if (ms > LONGEST_MS) throw notADuration(' (longer than a hundred years)');
  return { kind: 'calendar', ms, text };
}

/** How the policy file wrote a duration, for messages and /health. */
export function formatDuration(d: Duration): string {
  return d.text;
}
