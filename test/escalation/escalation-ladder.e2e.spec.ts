import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/notifications/webhook-signature';
import { waitUntil } from '../event-store/fixtures/helpers';
import { startTestApp, STORE_SETUPS, testConfig, type TestApp } from '../e2e/test-app';
import { startReceiver, type Receiver } from '../notifications/receiver';
import {
  assignItem,
  command,
  escalationsIn,
  expectLadder,
  history,
  issueView,
  reportIssue,
} from './escalation-e2e-helpers';
import { HOUR, HOURS_POLICY, LadderDriver, TEST_CLOCK_ENV, TestClock } from './ladder-driver';

const SECRET = 'ladder-test-secret';

/**
 * The ladder on the engine's own clock: the specs move a test clock to each check's time and
 * promote its delayed job, so every level is checked at its exact time, and "nothing else
 * happened" is read from the queue. (The one spec on the wall clock is escalation-smoke.)
 */
describe.each(STORE_SETUPS)('automatic escalation on a test clock (%s)', (store) => {
  let t: TestApp;
  let receiver: Receiver;
  let clock: TestClock;
  let ladder: LadderDriver;

  beforeAll(async () => {
    receiver = await startReceiver();
    clock = new TestClock();
    t = await startTestApp(
      store,
      testConfig(store, undefined, undefined, {
        ...TEST_CLOCK_ENV,
        ESCALATION_POLICY: HOURS_POLICY,
        ESCALATION_WEBHOOKS: receiver.url,
        ESCALATION_WEBHOOK_SECRET: SECRET,
      }),
      clock,
    );
    ladder = new LadderDriver(clock, [t]);
  });
  afterAll(async () => {
    await t?.destroy();
    await receiver?.close();
  });

  /** The checks queued for one item, as (kind, level, time). */
  const checksOf = async (issueId: string, itemId: string) =>
    (await ladder.pending(issueId))
      .filter((c) => c.remediationId === itemId)
      .map((c) => ({ kind: c.kind, level: c.level, runAt: c.runAt }));

  it('climbs levels 1, 2 and 3 at the policy times, once each, to each level’s leadership, warns first, and tells the webhook', async () => {
    const issueId = await reportIssue(t);
    const fresh = await issueView(t, issueId);
    // Nobody has responded yet: the next step is the no-response escalation, 10 h after the report.
    expect(fresh.nextEscalation).toMatchObject({
      level: 1,
      trigger: 'no-response',
      remediationId: null,
      at: clock.in(10 * HOUR),
    });

    const assignedAt = clock.now().getTime();
    const dueAt = clock.in(2 * HOUR);
    const itemId = await assignItem(t, issueId, dueAt);
    const assigned = await issueView(t, issueId);
    expect(assigned.nextEscalation).toMatchObject({
      level: 1,
      trigger: 'overdue',
      remediationId: itemId,
      dueAt,
      at: dueAt,
      goesTo: { body: 'district-bureau', unit: '思明区建设局' },
    });
    // The warning at 75 % of the allowed time, level 1 at the due time, and nothing above it yet.
    const warnAt = new Date(assignedAt + 1.5 * HOUR).toISOString();
    expect(await checksOf(issueId, itemId)).toEqual([
      { kind: 'warn', level: 1, runAt: warnAt },
      { kind: 'escalate', level: 1, runAt: dueAt },
    ]);

    // Each level's check is queued only once the level below it fired, for its own time.
    const ran = await ladder.advanceTo(dueAt, issueId);
    expect(ran.map((r) => [r.kind, r.level, r.at, r.appended])).toEqual([
      ['warn', 1, warnAt, ['EscalationWarningIssued']],
      ['escalate', 1, dueAt, ['IssueEscalated']],
    ]);
    const level2At = new Date(Date.parse(dueAt) + 2 * HOUR).toISOString();
    const level3At = new Date(Date.parse(dueAt) + 4 * HOUR).toISOString();
    expect(await checksOf(issueId, itemId)).toEqual([{ kind: 'escalate', level: 2, runAt: level2At }]);
    ran.push(...(await ladder.advanceTo(level2At, issueId)));
    expect(await checksOf(issueId, itemId)).toEqual([{ kind: 'escalate', level: 3, runAt: level3At }]);
    ran.push(...(await ladder.advanceTo(level3At, issueId)));
    // At the top of the ladder nothing is left to run: nothing can fire twice.
    expect(await checksOf(issueId, itemId)).toEqual([]);
    expect(ran.map((r) => [r.kind, r.level, r.at])).toEqual([
      ['warn', 1, warnAt],
      ['escalate', 1, dueAt],
      ['escalate', 2, level2At],
      ['escalate', 3, level3At],
    ]);

    const items = await history(t, issueId);
    expectLadder(items, dueAt, itemId, { stepMs: 2 * HOUR, exact: true });
    const warnings = items.filter((h) => h.type === 'EscalationWarningIssued');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].data).toMatchObject({ remediationId: itemId, nextLevel: 1, share: 0.75, dueAt });
    expect(warnings[0].occurredAt).toBe(warnAt);

    const view = await issueView(t, issueId, items.at(-1)!.position);
    expect(view).toMatchObject({ escalationLevel: 3, light: 'red', nextEscalation: null });
    expect(view.warnings).toHaveLength(1);

    // The webhook got each escalation and the warning, once each, signed.
    const mine = () => receiver.received.filter((r) => JSON.parse(r.body).issueId === issueId);
    await waitUntil(() => mine().length >= 4, 'four notifications');
    expect(
      mine()
        .map((r) => r.headers[WEBHOOK_HEADERS.eventType.toLowerCase()])
        .sort(),
    ).toEqual(['EscalationWarningIssued', 'IssueEscalated', 'IssueEscalated', 'IssueEscalated']);
    for (const r of mine()) {
      const timestamp = r.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()] as string;
      const signature = r.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
      expect(verifyWebhook(SECRET, timestamp, r.body, signature)).toBe(true);
    }
    expect(mine().filter((r) => JSON.parse(r.body).data?.level === 3)).toHaveLength(1);

    const health = await t.get('/health');
    expect(health.body.status).toBe('ok');
    expect(health.body.escalation).toMatchObject({
      status: 'up',
      redis: 'up',
      oldestOverdueCheck: null,
      policy: { name: 'hours' },
    });
    expect(health.body.escalation.checks.failed).toBe(0);
    expect(health.body.escalation.reconciler.runs).toBeGreaterThanOrEqual(1);
  });

  it('shows the yellow light on the board once the warning share of the allowed time is used', async () => {
    const issueId = await reportIssue(t);
    const warnAt = clock.in(6 * HOUR);
    const itemId = await assignItem(t, issueId, clock.in(8 * HOUR));
    // 75 % of 8 h: the warning goes out at 6 h, well before the due time, and nothing else then.
    const ran = await ladder.advanceTo(warnAt, issueId);
    expect(ran.map((r) => [r.kind, r.remediationId, r.at, r.appended])).toEqual([
      ['warn', itemId, warnAt, ['EscalationWarningIssued']],
    ]);
    const warning = (await history(t, issueId)).find((h) => h.type === 'EscalationWarningIssued')!;
    expect(warning.occurredAt).toBe(warnAt);
    const view = await issueView(t, issueId, warning.position);
    expect(view.light).toBe('yellow');
    expect(view.remediations[0]).toMatchObject({ warned: true, overdue: false });
    const board = await t.get(`/issues?district=siming&limit=100`);
    expect(board.body.items.find((i: { id: string }) => i.id === issueId)?.light).toBe('yellow');
  });

  it('runs nothing for an item completed before its due time: its job finds nothing left to check', async () => {
    const issueId = await reportIssue(t);
    const dueAt = clock.in(2 * HOUR);
    const itemId = await assignItem(t, issueId, dueAt);
    // Queued once the scheduler has seen the assignment (it reads the issue as it stands then,
    // so it must see it before the completion: a scheduler that lags would queue nothing).
    expect((await checksOf(issueId, itemId)).map((c) => [c.kind, c.level])).toEqual([
      ['warn', 1],
      ['escalate', 1],
    ]);
    await command(t, `/issues/${issueId}/remediations/${itemId}/completion`, { reportedBy: '某建设单位' });
    // Nothing unschedules the job: it derives its checks from the issue when it wakes, and
    // a done item has none, so it runs no command and ends.
    expect(await checksOf(issueId, itemId)).toEqual([]);
    const ran = await ladder.advanceTo(new Date(Date.parse(dueAt) + 3 * HOUR).toISOString(), issueId);
    expect(ran.filter((r) => r.remediationId === itemId)).toEqual([]);
    expect(escalationsIn(await history(t, issueId))).toEqual([]);
    expect((await issueView(t, issueId)).nextEscalation).toBeNull();
  });

  it('measures against the new due time after an extension', async () => {
    const issueId = await reportIssue(t);
    const oldDueAt = clock.in(1.5 * HOUR);
    const itemId = await assignItem(t, issueId, oldDueAt);
    const newDueAt = clock.in(4 * HOUR);
    await command(t, `/issues/${issueId}/remediations/${itemId}/extension`, {
      newDueAt,
      reason: '雨季停工',
    });
    // The old due time passes: its job finds its deadline moved and runs nothing.
    const atOldDue = await ladder.advanceTo(oldDueAt, issueId);
    expect(atOldDue.filter((r) => r.level === 1 && r.kind === 'escalate')).toEqual([]);
    expect(escalationsIn(await history(t, issueId))).toEqual([]);

    await ladder.advanceTo(newDueAt, issueId);
    const [first, ...more] = escalationsIn(await history(t, issueId));
    expect(more).toEqual([]);
    expect(first.data).toMatchObject({ level: 1, dueAt: newDueAt });
    expect(first.occurredAt).toBe(newDueAt);
  });

  it('re-times the item when an extension request is approved, not when it is made', async () => {
    const issueId = await reportIssue(t);
    const oldDueAt = clock.in(1.5 * HOUR);
    const itemId = await assignItem(t, issueId, oldDueAt);
    const newDueAt = clock.in(4 * HOUR);
    const requests = `/issues/${issueId}/remediations/${itemId}/extension-requests`;
    const { requestId } = await command(t, requests, { newDueAt, reason: '雨季停工' });
    // Asked for only: the ladder still measures the old due time.
    expect((await issueView(t, issueId)).nextEscalation).toMatchObject({ dueAt: oldDueAt });
    await command(t, `${requests}/${requestId}/approval`, { comment: '同意' });
    // The old due time's job has no check left (a job per deadline and due time): nothing runs then.
    const atOldDue = await ladder.advanceTo(oldDueAt, issueId);
    expect(atOldDue.flatMap((r) => r.appended)).not.toContain('IssueEscalated');
    expect(escalationsIn(await history(t, issueId))).toEqual([]);
    await ladder.advanceTo(newDueAt, issueId);
    const [first, ...more] = escalationsIn(await history(t, issueId));
    expect(more).toEqual([]);
    expect(first.data).toMatchObject({ level: 1, dueAt: newDueAt });
  });

  it('takes a manual escalation as the next level at once and goes on from there', async () => {
    const issueId = await reportIssue(t);
    const dueAt = clock.in(2 * HOUR);
    const itemId = await assignItem(t, issueId, dueAt);
    const manualAt = clock.now().toISOString();
    await command(t, `/issues/${issueId}/escalations`, {
      by: '驻思明区工作组组长',
      reason: '施工单位拒不整改',
    });
    expect((await history(t, issueId)).at(-1)?.data).toMatchObject({
      level: 1,
      trigger: 'manual',
      escalatedTo: { body: 'district-bureau' },
    });
    const level2At = new Date(Date.parse(dueAt) + 2 * HOUR).toISOString();
    const view = await issueView(t, issueId);
    expect(view.nextEscalation).toMatchObject({ level: 2, remediationId: itemId, at: level2At });
    // The item's job now checks level 2, at its policy time: level 1 was reached by hand.
    expect((await checksOf(issueId, itemId)).filter((c) => c.kind === 'escalate')).toEqual([
      { kind: 'escalate', level: 2, runAt: level2At },
    ]);

    const level3At = new Date(Date.parse(dueAt) + 4 * HOUR).toISOString();
    const ran = await ladder.advanceTo(level3At, issueId);
    // Nothing checks level 1 again, and the ladder goes on from there.
    expect(ran.filter((r) => r.kind === 'escalate').map((r) => [r.level, r.at, r.appended])).toEqual([
      [2, level2At, ['IssueEscalated']],
      [3, level3At, ['IssueEscalated']],
    ]);
    expect(await checksOf(issueId, itemId)).toEqual([]);
    const escalations = escalationsIn(await history(t, issueId));
    expect(escalations.map((e) => [e.data.level, e.data.trigger, e.occurredAt])).toEqual([
      [1, 'manual', manualAt],
      [2, 'overdue', level2At],
      [3, 'overdue', level3At],
    ]);
    expect(escalations[0].data.escalatedTo).toMatchObject({ body: 'district-bureau' });
  });
});
