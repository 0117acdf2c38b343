import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RulesRetimer } from '../../src/escalation/retime/rules-retimer';
import { RulesInForce } from '../../src/escalation/rules/rules-in-force';
import { SYSTEM_CONFIG_STREAM } from '../../src/escalation/rules/rules-events';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../../src/event-store/event-store';
import { fixDate } from '../support/fixed-date';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import {
  assignItem,
  command,
  escalationsIn,
  history,
  issueView,
  reportIssue,
} from './escalation-e2e-helpers';
import { CheckQueueView, HOUR, HOURS_POLICY, LadderDriver, TEST_CLOCK_ENV, TestClock } from './ladder-driver';

/** The engine's configuration facts, as the log holds them. */
const configEvents = async (t: TestApp) =>
  t.app.get<symbol, EventStore>(EVENT_STORE).readStream(SYSTEM_CONFIG_STREAM);

/**
 * A policy edited while deadlines are pending, on a test clock: the reload records the new
 * version with what changed, moves exactly the pending checks the change moves, leaves every
 * escalation already fired as it was, and each escalation in the history names the version
 * that timed it. Restarting with the same files records nothing.
 */
describe('the escalation policy reloaded without a restart', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-reload-'));
  const policyFile = path.join(dir, 'policy.yaml');
  const clock = new TestClock();
  let t: TestApp;
  let ladder: LadderDriver;

  beforeAll(async () => {
    fs.copyFileSync(HOURS_POLICY, policyFile);
    t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { ...TEST_CLOCK_ENV, ESCALATION_POLICY: policyFile }),
      clock,
    );
    ladder = new LadderDriver(clock, [t]);
  });
  afterAll(async () => {
    await t?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Each pending check of an item as (kind, level, time). */
  const checksOf = async (issueId: string, itemId: string | null) =>
    (await ladder.pending(issueId))
      .filter((c) => c.remediationId === itemId)
      .map((c) => ({ kind: c.kind, level: c.level, runAt: c.runAt }));

  it('records the first versions at the first start, as installed by the engine', async () => {
    const events = await configEvents(t);
    expect(events.map((e) => e.type)).toEqual(['EscalationPolicyInstalled', 'WorkingCalendarInstalled']);
    expect(events[0].data).toMatchObject({
      installedBy: 'engine-start',
      previousVersion: null,
      name: 'hours',
    });
    expect(events[0].metadata.actor).toBe('system:escalation-rules');
  });

  let fired: { issueId: string; itemId: string; dueAt: string };
  let waiting: { issueId: string; itemId: string; dueAt: string };

  it('halving level 2 moves the pending level 2 and nothing else, and the history says which version timed each level', async () => {
    // One item past due, level 1 fired, level 2 pending at due + 2 h; one item not yet due.
    fired = { issueId: await reportIssue(t), itemId: '', dueAt: clock.in(2 * HOUR) };
    fired.itemId = await assignItem(t, fired.issueId, fired.dueAt);
    waiting = { issueId: await reportIssue(t), itemId: '', dueAt: clock.in(8 * HOUR) };
    waiting.itemId = await assignItem(t, waiting.issueId, waiting.dueAt);
    const runs = await ladder.advanceTo(fired.dueAt, fired.issueId, waiting.issueId);
    expect(runs.filter((r) => r.appended.includes('IssueEscalated')).map((r) => r.level)).toEqual([1]);
    const due = Date.parse(fired.dueAt);
    expect(await checksOf(fired.issueId, fired.itemId)).toEqual([
      { kind: 'escalate', level: 2, runAt: new Date(due + 2 * HOUR).toISOString() },
    ]);
    const waitingBefore = await checksOf(waiting.issueId, waiting.itemId);
    const oldVersion = (await issueView(t, fired.issueId)).nextEscalation.policyVersion as string;
    expect(oldVersion).toMatch(/^[0-9a-f]{12}$/);

    // Level 2 at 1 h past due instead of 2 h, for every category.
    fs.writeFileSync(policyFile, fs.readFileSync(HOURS_POLICY, 'utf8').replaceAll('2: 2h', '2: 1h'));
    const reload = await t.admin.post('/admin/escalation/reload', {});
    expect(reload.status).toBe(200);
    expect(reload.body.policy).toMatchObject({ changed: true, previousVersion: oldVersion, name: 'hours' });
    expect(reload.body.policy.changes).toContain('rules.key-project.*.ladder.2: 2h → 1h');
    expect(reload.body.calendar).toMatchObject({ changed: false, changes: [] });
    // The fired item's job (its level 2) moved; the other item's job (its warning, then level 1)
    // keeps its time; level 1 of the first already fired and stays. One job per deadline.
    expect(waitingBefore.length).toBeGreaterThan(1);
    expect(reload.body.retimed).toMatchObject({ jobs: 2, moved: 1, added: 0, unchanged: 1, removed: 0 });
    const newVersion = reload.body.policy.version as string;

    expect(await checksOf(fired.issueId, fired.itemId)).toEqual([
      { kind: 'escalate', level: 2, runAt: new Date(due + HOUR).toISOString() },
    ]);
    expect(await checksOf(waiting.issueId, waiting.itemId)).toEqual(waitingBefore);
    const view = await issueView(t, fired.issueId);
    expect(view.nextEscalation).toMatchObject({
      level: 2,
      at: new Date(due + HOUR).toISOString(),
      policyVersion: newVersion,
      moved: {
        from: new Date(due + 2 * HOUR).toISOString(),
        by: ['policy'],
        previousPolicyVersion: oldVersion,
        installedBy: 'admin',
      },
    });
    expect((await issueView(t, waiting.issueId)).nextEscalation.moved).toBeNull();

    // The change is in the log, as the admin who made it.
    const installed = (await configEvents(t)).at(-1)!;
    expect(installed).toMatchObject({
      type: 'EscalationPolicyInstalled',
      data: { version: newVersion, previousVersion: oldVersion, installedBy: 'admin' },
      metadata: { actor: 'admin' },
    });

    // Level 2 fires at its new time, timed by the new version; level 1 keeps the old one.
    const later = await ladder.advanceTo(new Date(due + HOUR).toISOString(), fired.issueId);
    expect(later.map((r) => [r.level, r.at, r.appended])).toEqual([
      [2, new Date(due + HOUR).toISOString(), ['IssueEscalated']],
    ]);
    const levels = escalationsIn(await history(t, fired.issueId)).map((h) => [
      h.data.level,
      h.data.policyVersion,
    ]);
    expect(levels).toEqual([
      [1, oldVersion],
      [2, newVersion],
    ]);
  });

  it('a longer first-response wait moves that deadline: the job for its old due time is removed, one for the new added', async () => {
    const issueId = await reportIssue(t);
    const jobsOf = async () => {
      await ladder.caughtUp();
      return (await ladder.queue.getJobs(['delayed', 'waiting', 'active'])).filter(
        (j) => j?.data.issueId === issueId,
      );
    };
    const [old] = await jobsOf();
    expect(old.name).toBe('first-response');
    const before = await checksOf(issueId, null);
    expect(before.map((c) => c.kind)).toEqual(['warn', 'escalate']);
    const inForce = fs.readFileSync(policyFile, 'utf8');

    fs.writeFileSync(policyFile, inForce.replaceAll('firstResponse: 10h', 'firstResponse: 20h'));
    const reload = await t.admin.post('/admin/escalation/reload', {});
    expect(reload.status).toBe(200);
    // Its job id comes from the due time: the deadline moved is counted once, as moved.
    expect(reload.body.retimed.moved).toBeGreaterThanOrEqual(1);
    expect(reload.body.retimed.removed).toBe(0);
    const after = await jobsOf();
    expect(after.map((j) => j.name)).toEqual(['first-response']);
    expect(after[0].id).not.toBe(old.id);
    expect(await ladder.queue.getJob(old.id!)).toBeUndefined();
    const hours = (c: { runAt: string }) => Date.parse(c.runAt) - Date.parse(before[1].runAt) + 10 * HOUR;
    expect((await checksOf(issueId, null)).map(hours)).toEqual([15 * HOUR, 20 * HOUR]);

    // Back to the version before, for the specs below.
    fs.writeFileSync(policyFile, inForce);
    expect((await t.admin.post('/admin/escalation/reload', {})).status).toBe(200);
  });

  it('refuses a bad file with 400 naming the entry, and keeps the version in force', async () => {
    const before = await configEvents(t);
    const inForce = t.app.get(RulesInForce).current().policyVersion;
    fs.writeFileSync(policyFile, fs.readFileSync(HOURS_POLICY, 'utf8').replace('3: 4h', '3: soon'));
    const refused = await t.admin.post('/admin/escalation/reload', {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('rules.on-site-rectification.*.ladder.3');
    expect(refused.body.message).toContain('the rules in force stay');
    expect(t.app.get(RulesInForce).current().policyVersion).toBe(inForce);
    expect(await configEvents(t)).toHaveLength(before.length);
  });

  it('refuses the reload to every role but admin', async () => {
    expect((await t.post('/admin/escalation/reload', {})).status).toBe(403);
  });

  it('records nothing when restarted with the same files', async () => {
    fs.writeFileSync(policyFile, fs.readFileSync(HOURS_POLICY, 'utf8').replaceAll('2: 2h', '2: 1h'));
    const before = await configEvents(t);
    await t.close();
    t = await startTestApp('sqlite', t.config, clock);
    ladder = new LadderDriver(clock, [t]);
    expect(await configEvents(t)).toHaveLength(before.length);
    // A reload of the same files records nothing either, and moves nothing.
    const again = await t.admin.post('/admin/escalation/reload', {});
    expect(again.body).toMatchObject({
      policy: { changed: false },
      calendar: { changed: false },
      retimed: null,
    });
    expect(await configEvents(t)).toHaveLength(before.length);
  });

  it('re-times at the next start a version an engine recorded without re-timing (Redis lost at its start)', async () => {
    const issueId = await reportIssue(t);
    const firstResponse = async () => (await checksOf(issueId, null)).map((c) => [c.kind, c.runAt]);
    const before = await firstResponse();
    expect(before.map(([kind]) => kind)).toEqual(['warn', 'escalate']);
    const inForce = fs.readFileSync(policyFile, 'utf8');
    await t.close();

    // An engine starts with a longer first-response wait and records it, but cannot reach
    // Redis, so its re-timing fails; it stops before anything else happens.
    fs.writeFileSync(policyFile, inForce.replaceAll('firstResponse: 10h', 'firstResponse: 20h'));
    const cut = await startTestApp(
      'sqlite',
      { ...t.config, escalation: { ...t.config.escalation, redisUrl: 'redis://127.0.0.1:1' } },
      clock,
    );
    const recorded = await configEvents(cut);
    expect(recorded.at(-1)).toMatchObject({
      type: 'EscalationPolicyInstalled',
      data: { installedBy: 'engine-start' },
    });
    await cut.app.get(RulesRetimer).atStart;
    expect(cut.app.get(RulesRetimer).last?.error).toContain('Redis');
    await cut.close();

    // The next start, with the same files, records nothing, and re-times what the cut one could not.
    t = await startTestApp('sqlite', t.config, clock);
    ladder = new LadderDriver(clock, [t]);
    expect(await configEvents(t)).toHaveLength(recorded.length);
    await t.app.get(RulesRetimer).atStart;
    expect(t.app.get(RulesRetimer).last).toMatchObject({ error: null });
    // The old wait's jobs are gone: moved, or removed where the scheduler's catch-up had
    // already queued the new ones.
    const { moved, removed } = t.app.get(RulesRetimer).last!;
    expect(moved + removed).toBeGreaterThanOrEqual(1);
    const shift = (runAt: string, i: number) => Date.parse(runAt) - Date.parse(before[i][1]);
    expect((await firstResponse()).map(([, runAt], i) => shift(runAt, i))).toEqual([7.5 * HOUR, 10 * HOUR]);

    // Remembered: a start after that re-times nothing.
    await t.close();
    t = await startTestApp('sqlite', t.config, clock);
    ladder = new LadderDriver(clock, [t]);
    await t.app.get(RulesRetimer).atStart;
    expect(t.app.get(RulesRetimer).last).toBeNull();
    fs.writeFileSync(policyFile, inForce);
  });
});

/** A made-up 2027: New Year off Friday 1 – Monday 4 January (not the State Council's). */
const MADE_UP_2027 = path.resolve(__dirname, 'fixtures/holidays-2027.made-up.yaml');
/** Wednesday 30 December 2026, 10:00 in Shanghai: the engine's fixed business clock. */
const DECEMBER_30 = new Date('2026-12-30T02:00:00.000Z');
const shanghai = (dateTime: string): string => new Date(`${dateTime}+08:00`).toISOString();

/**
 * A calendar year added to HOLIDAYS_FILE while deadlines wait for it: the reload records the
 * new calendar version, and the deadlines that could not be placed are scheduled at once. On a
 * fixed clock in the last days of 2026, with `Date` set to the same day (timers stay real), as
 * in calendar-coverage.e2e.spec.ts, so the spec stays true after 2026.
 */
describe('a calendar year added while deadlines wait for it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-calendar-'));
  const holidaysFile = path.join(dir, 'holidays.yaml');
  let t: TestApp;

  beforeAll(async () => {
    fixDate(DECEMBER_30);
    fs.writeFileSync(holidaysFile, '# 2027 not published yet\nyears:\n');
    t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { HOLIDAYS_FILE: holidaysFile }),
      {
        now: () => DECEMBER_30,
      },
    );
  });
  afterAll(async () => {
    await t?.destroy();
    jest.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("schedules a December item's working-day level into January the moment the year is added", async () => {
    // On-site rectification, medium (the shipped policy): level 2 at 2 working days past due.
    const issueId = await reportIssue(t, { category: 'on-site-rectification', severity: 'medium' });
    await assignItem(t, issueId, shanghai('2026-12-31T10:00:00'));
    await command(t, `/issues/${issueId}/escalations`, { by: '驻思明区工作组', reason: '无人响应' });
    const before = await issueView(t, issueId);
    expect(before.nextEscalation).toBeNull();
    expect(before.cannotSchedule).toEqual([expect.stringContaining('not 2027')]);
    const queue = new CheckQueueView([t]);
    // Only the level-1 checks queued before the manual escalation (harmless now) are there.
    const levelTwo = async () => (await queue.pending(issueId)).filter((c) => c.level === 2);
    expect(await levelTwo()).toEqual([]);
    const events = (await configEvents(t)).length;

    fs.copyFileSync(MADE_UP_2027, holidaysFile);
    const reload = await t.admin.post('/admin/escalation/reload', {});
    expect(reload.body).toMatchObject({ calendar: { changed: true }, retimed: { added: 1 } });
    expect(await configEvents(t)).toHaveLength(events + 1);
    const installed = (await configEvents(t)).at(-1)! as StoredEvent<string, { version: string }>;
    expect(installed).toMatchObject({
      type: 'WorkingCalendarInstalled',
      data: { installedBy: 'admin', changes: ['years.2027: added'] },
      metadata: { actor: 'admin' },
    });

    // Due Thursday 31 December; +2wd skips Friday 1 – Monday 4 January: Wednesday 6 January.
    const january6 = shanghai('2027-01-06T10:00:00');
    expect((await levelTwo()).map((c) => [c.kind, c.runAt])).toEqual([
      // The warning's one job per deadline, timed again with the level it now warns of.
      ['warn', shanghai('2026-12-31T04:00:00')],
      ['escalate', january6],
    ]);
    const after = await issueView(t, issueId);
    expect(after.cannotSchedule).toEqual([]);
    // Nor does /health list it as waiting any more.
    const health = (await t.get('/health')).body.escalation;
    expect(health.scheduler.uncomputable).toEqual([]);
    expect(health.reconciler.uncomputable).toEqual([]);
    expect(health.rules.calendar).toMatchObject({ version: installed.data.version, installedBy: 'admin' });
    expect(after.nextEscalation).toMatchObject({
      level: 2,
      at: january6,
      calendarVersion: installed.data.version,
      moved: { from: null, by: ['calendar'], installedBy: 'admin' },
    });
  });
});
