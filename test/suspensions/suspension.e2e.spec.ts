import type { TestApp } from '../e2e/test-app';
import { waitUntil } from '../event-store/fixtures/helpers';
import {
  assignItem,
  command,
  escalationsIn,
  history,
  issueView,
  reportIssue,
} from '../escalation/escalation-e2e-helpers';
import { HOUR, HOURS_POLICY, type LadderDriver, type TestClock } from '../escalation/ladder-driver';
import { startLadderEngine, type LadderEngine } from '../escalation/ladder-engine';
import { deadlineJobId } from '../../src/escalation/queue/deadline-jobs';

const DAY = 24 * HOUR;
const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Suspension for force majeure on the engine's own clock (the hours policy: level 1 at the due
 * time, 2 h and 4 h after; the warning at 75 %): checks are held while a suspension is in force
 * and move by the time suspended, only for the issues it covers, and a Redis flushed meanwhile
 * is rebuilt from the log with the moved times.
 */
describe('suspensions (挂起) move deadlines and hold escalation', () => {
  let engine: LadderEngine;
  let t: TestApp;
  let clock: TestClock;
  let ladder: LadderDriver;

  beforeAll(async () => {
    engine = await startLadderEngine({
      ESCALATION_POLICY: HOURS_POLICY,
      ESCALATION_RECONCILE_INTERVAL_MS: '1000',
    });
    ({ t, clock, ladder } = engine);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  /** The job of an item's deadline (one per deadline; its id comes from the due time). */
  const deadlineJob = (issueId: string, itemId: string, dueAt: string) =>
    ladder.queue.getJob(deadlineJobId({ issueId, remediationId: itemId, dueAt }));
  const levelOne = async (issueId: string, itemId: string) =>
    (await ladder.pending(issueId)).find((c) => c.remediationId === itemId && c.kind === 'escalate');

  it('suspends Huli for two days: only Huli’s deadlines move by two days, and nothing of Huli escalates meanwhile', async () => {
    const huli = await reportIssue(t, { district: 'huli', site: '湖里区某工地' });
    const siming = await reportIssue(t, { district: 'siming' });
    const dueAt = clock.in(6 * HOUR);
    const huliItem = await assignItem(t, huli, dueAt);
    const simingItem = await assignItem(t, siming, dueAt);
    expect((await levelOne(huli, huliItem))?.runAt).toBe(dueAt);

    const from = clock.now().toISOString();
    const until = clock.in(2 * DAY);
    const { suspensionId } = await command(t, '/suspensions', {
      scope: 'district',
      district: 'huli',
      until,
      reason: '台风红色预警，全区工地停工',
    });

    // The scheduler re-timed Huli's checks at once; Siming's stay.
    await waitUntil(
      async () => (await levelOne(huli, huliItem))?.runAt === shifted(dueAt, 2 * DAY),
      "Huli's level 1 moved",
    );
    expect((await levelOne(siming, simingItem))?.runAt).toBe(dueAt);
    const view = await issueView(t, huli);
    expect(view.suspended).toEqual({
      suspensionId,
      from,
      until,
      reason: '台风红色预警，全区工地停工',
      scope: 'district',
    });
    expect(view.nextEscalation).toMatchObject({
      dueAt,
      suspendedDueAt: shifted(dueAt, 2 * DAY),
      at: shifted(dueAt, 2 * DAY),
    });
    expect(view.movedDeadlines).toEqual([
      { remediationId: huliItem, dueAt, movedTo: shifted(dueAt, 2 * DAY) },
    ]);
    expect((await issueView(t, siming)).suspended).toBeNull();

    // The board flags it; /health says what is suspended and until when; the list has it.
    const board = await t.get('/issues?district=huli');
    expect(board.body.items.find((i: { id: string }) => i.id === huli).suspended).toMatchObject({ until });
    const health = await t.anonymous.get('/health');
    expect(health.body.suspensions.inForce).toEqual([
      {
        suspensionId,
        scope: 'district',
        district: 'huli',
        from,
        until,
        reason: '台风红色预警，全区工地停工',
      },
    ]);
    const list = await t.get('/suspensions?current=true');
    expect(list.body.items.map((s: { suspensionId: string }) => s.suspensionId)).toContain(suspensionId);

    // Past the due time: Siming climbs, Huli waits.
    await ladder.advanceTo(shifted(dueAt, 5 * HOUR), huli, siming);
    expect(escalationsIn(await history(t, siming)).map((e) => e.data.level)).toEqual([1, 2, 3]);
    expect(escalationsIn(await history(t, huli))).toEqual([]);
    expect((await history(t, huli)).filter((h) => h.type === 'EscalationWarningIssued')).toEqual([]);

    // On resumption the ladder runs on, two days late: the warning, then each level at its moved time.
    await ladder.advanceTo(shifted(dueAt, 2 * DAY + 5 * HOUR), huli);
    const items = await history(t, huli);
    expect(items.filter((h) => h.type === 'EscalationWarningIssued').map((h) => h.occurredAt)).toEqual([
      shifted(from, 2 * DAY + 4.5 * HOUR),
    ]);
    expect(escalationsIn(items).map((e) => [e.data.level, e.occurredAt])).toEqual([
      [1, shifted(dueAt, 2 * DAY)],
      [2, shifted(dueAt, 2 * DAY + 2 * HOUR)],
      [3, shifted(dueAt, 2 * DAY + 4 * HOUR)],
    ]);
  });

  it('loses nothing and fires nothing early when Redis is flushed during a suspension, and moves the checks back when it is lifted early', async () => {
    const issueId = await reportIssue(t, { district: 'jimei' });
    const dueAt = clock.in(3 * HOUR);
    const itemId = await assignItem(t, issueId, dueAt);
    const { suspensionId } = await command(t, '/suspensions', {
      scope: 'issue',
      issueId,
      until: clock.in(DAY),
      reason: '暴雨停工',
    });
    await waitUntil(
      async () => (await levelOne(issueId, itemId))?.runAt === shifted(dueAt, DAY),
      'level 1 moved',
    );

    const before = (await ladder.reconciledNow()).runs;
    await engine.redis.client.flushall();
    await waitUntil(async () => (await levelOne(issueId, itemId)) !== undefined, 'the check back in Redis');
    expect(ladder.reconciler().runs).toBeGreaterThan(before);
    // Rebuilt from the log with the suspension: at the moved time, not the item's own.
    expect((await levelOne(issueId, itemId))?.runAt).toBe(shifted(dueAt, DAY));
    await ladder.advanceTo(shifted(dueAt, 6 * HOUR), issueId);
    expect(escalationsIn(await history(t, issueId))).toEqual([]);

    // Lifted early, 9 hours in: the item is due 9 hours late, and the check moves back there.
    const liftedAt = clock.now().toISOString();
    await command(t, `/suspensions/${suspensionId}/lift`, { reason: '雨停，复工' });
    const suspendedMs = Date.parse(liftedAt) - (Date.parse(dueAt) - 3 * HOUR);
    await waitUntil(
      async () => (await levelOne(issueId, itemId))?.runAt === shifted(dueAt, suspendedMs),
      'level 1 moved back',
    );
    await ladder.advanceTo(shifted(dueAt, suspendedMs), issueId);
    expect(escalationsIn(await history(t, issueId)).map((e) => [e.data.level, e.occurredAt])).toEqual([
      [1, shifted(dueAt, suspendedMs)],
    ]);
  });

  it('wakes a deadline job at its time from before the suspension, and puts it back to its moved time, nothing appended', async () => {
    const issueId = await reportIssue(t, { district: 'xiangan' });
    const dueAt = clock.in(HOUR);
    const itemId = await assignItem(t, issueId, dueAt);
    await ladder.caughtUp();
    expect(await deadlineJob(issueId, itemId, dueAt)).toBeDefined();
    await command(t, '/suspensions', { scope: 'issue', issueId, until: clock.in(DAY), reason: '台风预警' });
    await waitUntil(
      async () => (await levelOne(issueId, itemId))?.runAt === shifted(dueAt, DAY),
      'level 1 moved',
    );

    // As if its re-timing had been missed: the job runs at its old time, during the suspension.
    clock.set(shifted(dueAt, HOUR));
    const job = (await deadlineJob(issueId, itemId, dueAt))!;
    await job.promote();
    await waitUntil(
      async () =>
        (await job.getState()) === 'delayed' &&
        (await ladder.queue.getJob(job.id!))?.processedOn !== undefined,
      'the job run and put back',
    );
    expect(escalationsIn(await history(t, issueId))).toEqual([]);
    expect((await levelOne(issueId, itemId))?.runAt).toBe(shifted(dueAt, DAY));
  });

  it('lets a district’s work group suspend its own district only, and only leadership the city', async () => {
    const simingGroup = await t.createUser({
      username: 'susp-siming',
      role: 'work-group',
      district: 'siming',
    });
    const bureau = await t.createUser({
      username: 'susp-bureau',
      role: 'district-bureau',
      district: 'siming',
    });
    const division = await t.createUser({ username: 'susp-division', role: 'division' });
    const body = (over: object) => ({ until: clock.in(HOUR), reason: '台风预警', ...over });

    const other = await simingGroup.post('/suspensions', body({ scope: 'district', district: 'huli' }));
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('acts for siming');
    expect((await bureau.post('/suspensions', body({ scope: 'district', district: 'siming' }))).status).toBe(
      403,
    );
    const city = await division.post('/suspensions', body({ scope: 'city' }));
    expect(city.status).toBe(403);
    expect(city.body.message).toContain('suspend the deadlines of the whole city');
    const own = await simingGroup.post('/suspensions', body({ scope: 'district', district: 'siming' }));
    expect(own.status).toBe(201);
    const twice = await simingGroup.post('/suspensions', body({ scope: 'district', district: 'siming' }));
    expect(twice.status).toBe(409);
    expect(
      (
        await simingGroup.post(
          '/suspensions',
          body({ scope: 'district', district: 'siming', until: clock.in(40 * DAY) }),
        )
      ).status,
    ).toBe(400);

    // A district reads its own district's suspensions and the city's, not Huli's.
    const listed = await simingGroup.get('/suspensions');
    expect(listed.status).toBe(200);
    expect(
      listed.body.items.every(
        (s: { scope: { kind: string; district?: string } }) =>
          s.scope.kind === 'city' || s.scope.district === 'siming',
      ),
    ).toBe(true);
    const lifted = await simingGroup.post(`/suspensions/${own.body.suspensionId}/lift`, {
      reason: '预警解除',
    });
    expect(lifted.status).toBe(201);
  });
});
