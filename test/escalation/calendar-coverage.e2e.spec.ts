import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/app-config';
import { checkCalendar, formatCalendarCheck } from '../../src/escalation/calendar/calendar-check';
import { loadEscalationPolicy } from '../../src/escalation/policy/load-policy';
import { READ_STORE, type ReadStore } from '../../src/ports/read-store';
import { SUSPENSION_BOOK, type SuspensionBook } from '../../src/suspensions/suspension-book';
import { fixDate } from '../support/fixed-date';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { assignItem, command, issueView, reportIssue } from './escalation-e2e-helpers';

/** A made-up 2027: New Year off Friday 1 – Monday 4 January (not the State Council's). */
const MADE_UP_2027 = path.resolve(__dirname, 'fixtures/holidays-2027.made-up.yaml');
/** Wednesday 30 December 2026, 10:00 in Shanghai: the engines' fixed business clock. */
const NOW = new Date('2026-12-30T02:00:00.000Z');
const clock: Clock = { now: () => NOW };
const shanghai = (dateTime: string): string => new Date(`${dateTime}+08:00`).toISOString();

/** On-site rectification, medium: a first response within 2wd, level 2 at 2wd past due (the shipped policy). */
const ON_SITE = { category: 'on-site-rectification', severity: 'medium' };

/**
 * The working-day calendar on the issue view, /health and calendar:check, on a fixed clock in
 * the last days of 2026, with a calendar file, without one (refused), and with uncovered
 * years counted as weekdays. The store stamps `recordedAt` with the process time, and a
 * deadline already past when recorded is not escalated, so `Date` alone is set to the same
 * December day (timers stay real) to keep the specs true after January 2027.
 */
describe('working-day deadlines into a year the package does not cover', () => {
  const engines: TestApp[] = [];
  const start = async (extra: Record<string, string>): Promise<TestApp> => {
    const t = await startTestApp('sqlite', testConfig('sqlite', undefined, undefined, extra), clock);
    engines.push(t);
    return t;
  };

  beforeAll(() => {
    fixDate(NOW);
  });
  afterAll(async () => {
    for (const t of engines) await t.destroy();
    jest.useRealTimers();
  });

  describe('with the year in HOLIDAYS_FILE', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await start({ HOLIDAYS_FILE: MADE_UP_2027 });
    });

    it("schedules a December item's working-day level into January, over the file's holidays", async () => {
      const issueId = await reportIssue(t, ON_SITE);
      await assignItem(t, issueId, shanghai('2026-12-31T10:00:00'));
      await command(t, `/issues/${issueId}/escalations`, { by: '驻思明区工作组', reason: '无人响应' });
      const view = await issueView(t, issueId);
      // Due Thursday 31 December; +2wd skips Friday 1 – Monday 4 January: Wednesday 6 January.
      expect(view.nextEscalation).toMatchObject({
        level: 2,
        trigger: 'overdue',
        dueAt: shanghai('2026-12-31T10:00:00'),
        at: shanghai('2027-01-06T10:00:00'),
        provisional: false,
        assumedYears: [],
      });
      expect(view.cannotSchedule).toEqual([]);
    });

    it("counts a December report's first response into January", async () => {
      const issueId = await reportIssue(t, ON_SITE);
      const view = await issueView(t, issueId);
      // Reported Wednesday 30 December: Thursday 31st is 1, Tuesday 5 January is 2.
      expect(view.nextEscalation).toMatchObject({
        level: 1,
        trigger: 'no-response',
        dueAt: shanghai('2027-01-05T10:00:00'),
        at: shanghai('2027-01-05T10:00:00'),
        provisional: false,
      });
    });

    it('says on /health where each year comes from', async () => {
      const health = await t.get('/health');
      expect(health.body.escalation.calendar).toMatchObject({
        uncoveredYears: 'refuse',
        covers: { firstYear: 2004, lastYear: 2027 },
        years: [
          expect.objectContaining({ years: '2004–2026', from: 'package' }),
          expect.objectContaining({ years: '2027', from: 'file', file: MADE_UP_2027 }),
        ],
        assumedYears: [],
      });
    });

    it('calendar:check finds no deadline waiting', async () => {
      const report = await check(t);
      expect(report.waiting).toEqual([]);
      expect(report.pendingIssues).toBe(2);
      const text = formatCalendarCheck(report);
      expect(text).toContain(`2027       "测试用虚构数据`);
      expect(text).toContain('no deadline waits for a year not covered');
    });
  });

  describe('without it (CALENDAR_UNCOVERED_YEARS=refuse, the default)', () => {
    let t: TestApp;
    let issueId: string;
    beforeAll(async () => {
      t = await start({});
      issueId = await reportIssue(t, ON_SITE);
    });

    it('cannot schedule the first response, and says why on the issue view', async () => {
      const view = await issueView(t, issueId);
      expect(view.nextEscalation).toBeNull();
      expect(view.cannotSchedule).toEqual([
        expect.stringMatching(
          /^first response \(due 2026-12-30T02:00:00\.000Z\): .*covers 2004–2026, not 2027/,
        ),
      ]);
    });

    it('calendar:check lists the deadline that waits for 2027', async () => {
      const report = await check(t);
      expect(report.waiting).toEqual([
        expect.objectContaining({ issueId, remediationId: null, year: 2027, district: 'siming' }),
      ]);
      const text = formatCalendarCheck(report);
      expect(text).toContain('Not covered: before 2004, 2027 and later. CALENDAR_UNCOVERED_YEARS=refuse');
      expect(text).toContain('1 deadline(s) wait for a year not covered (not scheduled):');
      expect(text).toContain(
        `  2027  issue ${issueId} (siming, on-site-rectification/medium), first response, reported`,
      );
    });
  });

  describe('with uncovered years as weekdays', () => {
    let t: TestApp;
    let issueId: string;
    beforeAll(async () => {
      t = await start({ CALENDAR_UNCOVERED_YEARS: 'weekdays' });
      issueId = await reportIssue(t, ON_SITE);
    });

    it('schedules the deadline Monday to Friday and marks it provisional on the issue view', async () => {
      const view = await issueView(t, issueId);
      // Thursday 31st is 1, Friday 1 January (surely a holiday, but nobody has said so) is 2.
      expect(view.nextEscalation).toMatchObject({
        trigger: 'no-response',
        dueAt: shanghai('2027-01-01T10:00:00'),
        provisional: true,
        assumedYears: [2027],
      });
      expect(view.cannotSchedule).toEqual([]);
    });

    it('says on /health that 2027 is counted as weekdays', async () => {
      await issueView(t, issueId);
      const health = await t.get('/health');
      expect(health.body.escalation.calendar).toMatchObject({
        uncoveredYears: 'weekdays',
        assumedYears: [2027],
      });
    });

    it('calendar:check lists the provisional deadline', async () => {
      const text = formatCalendarCheck(await check(t));
      expect(text).toContain('CALENDAR_UNCOVERED_YEARS=weekdays: counted Monday to Friday');
      expect(text).toContain('1 deadline(s) provisional (counted Monday to Friday):');
      expect(text).toContain(`issue ${issueId}`);
    });
  });

  describe('a suspension that carries a covered deadline into 2027 (refuse)', () => {
    let t: TestApp;
    let issueId: string;
    beforeAll(async () => {
      t = await start({});
      // High: a first response within 1wd, Thursday 31 December 10:00, inside 2026.
      issueId = await reportIssue(t, { ...ON_SITE, severity: 'high' });
    });

    it('calendar:check lists it once the city stops work over that Thursday, as the scheduler does', async () => {
      expect((await issueView(t, issueId)).nextEscalation).toMatchObject({
        dueAt: shanghai('2026-12-31T10:00:00'),
      });
      expect((await check(t)).waiting).toEqual([]);

      await command(t, '/suspensions', {
        scope: 'city',
        from: shanghai('2026-12-30T12:00:00'),
        until: shanghai('2027-01-01T00:00:00'),
        reason: '寒潮红色预警，全市工地停工',
      });
      // The working time stopped moves the deadline past the year's end, which nobody covers.
      const view = await issueView(t, issueId);
      expect(view.nextEscalation).toBeNull();
      expect(view.cannotSchedule).toEqual([expect.stringMatching(/^first response .*not 2027/)]);
      const report = await check(t);
      expect(report.waiting).toEqual([
        expect.objectContaining({ issueId, remediationId: null, year: 2027, severity: 'high' }),
      ]);
    });
  });

  it('refuses to start on a calendar file with a bad entry, naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const file = path.join(dir, 'holidays.yaml');
    fs.writeFileSync(file, 'years:\n  2027:\n    source: x\n    holidays: ["2027-02-13/2027-02-06"]\n');
    const config = testConfig('sqlite', undefined, undefined, { HOLIDAYS_FILE: file });
    await expect(startTestApp('sqlite', config, clock)).rejects.toThrow(
      `HOLIDAYS_FILE ${file}: years.2027.holidays.0: "2027-02-13/2027-02-06" ends before it starts`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  });

  it('refuses an unknown CALENDAR_UNCOVERED_YEARS, naming it', () => {
    expect(() => loadConfig({ CALENDAR_UNCOVERED_YEARS: 'guess' })).toThrow(
      'CALENDAR_UNCOVERED_YEARS must be one of refuse, weekdays, got "guess"',
    );
  });
});

/** What `npm run calendar:check` reports for an engine's configuration, read store and suspensions. */
async function check(t: TestApp) {
  const suspensions = t.app.get<SuspensionBook>(SUSPENSION_BOOK);
  await suspensions.refresh();
  return checkCalendar(
    t.config.calendar,
    loadEscalationPolicy(t.config.escalation.policyFile),
    t.app.get<ReadStore>(READ_STORE),
    suspensions,
  );
}
