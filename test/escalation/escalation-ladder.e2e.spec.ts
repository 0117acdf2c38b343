import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/notifications/webhook-signature';
import { sleep, waitUntil } from '../event-store/fixtures/helpers';
import { startTestApp, STORE_SETUPS, testConfig, type TestApp } from '../e2e/test-app';
import { startReceiver, type Receiver } from '../notifications/receiver';
import {
  assignItem,
  escalationsIn,
  expectFastLadder,
  FAST_POLICY,
  type HistoryItem,
  command,
  history,
  issueView,
  reportIssue,
  secondsFromNow,
  waitForEscalations,
} from './escalation-e2e-helpers';

const SECRET = 'ladder-test-secret';

describe.each(STORE_SETUPS)('automatic escalation on the fast policy (%s)', (store) => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp(
      store,
      testConfig(store, undefined, undefined, {
        ESCALATION_POLICY: FAST_POLICY,
        ESCALATION_WEBHOOKS: receiver.url,
        ESCALATION_WEBHOOK_SECRET: SECRET,
      }),
    );
  });
  afterAll(async () => {
    await t?.destroy();
    await receiver?.close();
  });

  it('climbs levels 1, 2 and 3 at the policy times, once each, to each level’s leadership, warns first, and tells the webhook', async () => {
    const issueId = await reportIssue(t);
    const fresh = await issueView(t, issueId);
    // Nobody has responded yet: the next step is the no-response escalation, 10 s after the report.
    expect(fresh.nextEscalation).toMatchObject({ level: 1, trigger: 'no-response', remediationId: null });

    const dueAt = secondsFromNow(2);
    const itemId = await assignItem(t, issueId, dueAt);
    const assigned = await issueView(t, issueId);
    expect(assigned.nextEscalation).toMatchObject({
      level: 1,
      trigger: 'overdue',
      remediationId: itemId,
      dueAt: new Date(dueAt).toISOString(),
      at: new Date(dueAt).toISOString(),
      goesTo: { body: 'district-bureau', unit: '思明区建设局' },
    });

    await waitForEscalations(t, issueId, 3);
    // Two more seconds: nothing fires twice.
    await sleep(2000);
    const items = await history(t, issueId);
    expectFastLadder(items, dueAt, itemId);

    const warning = items.find((h) => h.type === 'EscalationWarningIssued');
    expect(warning?.data).toMatchObject({
      remediationId: itemId,
      nextLevel: 1,
      share: 0.75,
      dueAt: new Date(dueAt).toISOString(),
    });
    expect(Date.parse(warning!.recordedAt)).toBeLessThan(Date.parse(dueAt));
    expect(items.filter((h) => h.type === 'EscalationWarningIssued')).toHaveLength(1);

    const view = await issueView(t, issueId, items.at(-1)!.position);
    expect(view).toMatchObject({ escalationLevel: 3, light: 'red', nextEscalation: null });
    expect(view.warnings).toHaveLength(1);

    // The webhook got each escalation and the warning, once each, signed.
    await waitUntil(
      () => receiver.received.filter((r) => JSON.parse(r.body).issueId === issueId).length >= 4,
      'four notifications',
    );
    const mine = receiver.received.filter((r) => JSON.parse(r.body).issueId === issueId);
    expect(mine.map((r) => r.headers[WEBHOOK_HEADERS.eventType.toLowerCase()]).sort()).toEqual([
      'EscalationWarningIssued',
      'IssueEscalated',
      'IssueEscalated',
      'IssueEscalated',
    ]);
    for (const r of mine) {
      const timestamp = r.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()] as string;
      expect(
        verifyWebhook(
          SECRET,
          timestamp,
          r.body,
          r.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string,
        ),
      ).toBe(true);
    }
    expect(mine.filter((r) => JSON.parse(r.body).data?.level === 3)).toHaveLength(1);

    const health = await t.get('/health');
    expect(health.body.status).toBe('ok');
    expect(health.body.escalation).toMatchObject({
      status: 'up',
      redis: 'up',
      oldestOverdueCheck: null,
      policy: { name: 'fast' },
    });
    expect(health.body.escalation.checks.failed).toBe(0);
    expect(health.body.escalation.reconciler.runs).toBeGreaterThanOrEqual(1);
  });

  it('shows the yellow light on the board once the warning share of the allowed time is used', async () => {
    const issueId = await reportIssue(t);
    await assignItem(t, issueId, secondsFromNow(8));
    // 75% of 8 s: the warning goes out at about 6 s, well before the due time.
    let warning: HistoryItem | undefined;
    await waitUntil(
      async () =>
        (warning = (await history(t, issueId)).find((h) => h.type === 'EscalationWarningIssued')) !==
        undefined,
      'the warning',
      10_000,
    );
    const view = await issueView(t, issueId, warning!.position);
    expect(view.light).toBe('yellow');
    expect(view.remediations[0]).toMatchObject({ warned: true, overdue: false });
    const board = await t.get(`/issues?district=siming&limit=100`);
    expect(board.body.items.find((i: { id: string }) => i.id === issueId)?.light).toBe('yellow');
  });

  it('makes pending checks harmless when the item is completed before its due time', async () => {
    const issueId = await reportIssue(t);
    const dueAt = secondsFromNow(2);
    const itemId = await assignItem(t, issueId, dueAt);
    await command(t, `/issues/${issueId}/remediations/${itemId}/completion`, { reportedBy: '某建设单位' });
    await sleep(Date.parse(dueAt) - Date.now() + 3000);
    expect(escalationsIn(await history(t, issueId))).toEqual([]);
    expect((await issueView(t, issueId)).nextEscalation).toBeNull();
  });

  it('measures against the new due time after an extension', async () => {
    const issueId = await reportIssue(t);
    const itemId = await assignItem(t, issueId, secondsFromNow(1.5));
    const newDueAt = secondsFromNow(4);
    await command(t, `/issues/${issueId}/remediations/${itemId}/extension`, {
      newDueAt,
      reason: '雨季停工',
      approvedBy: '城建处',
    });
    const [first] = await waitForEscalations(t, issueId, 1);
    expect(first.data).toMatchObject({ level: 1, dueAt: new Date(newDueAt).toISOString() });
    expect(Date.parse(first.recordedAt)).toBeGreaterThanOrEqual(Date.parse(newDueAt));
  });

  it('takes a manual escalation as the next level at once and goes on from there', async () => {
    const issueId = await reportIssue(t);
    const dueAt = secondsFromNow(2);
    const itemId = await assignItem(t, issueId, dueAt);
    await command(t, `/issues/${issueId}/escalations`, {
      by: '驻思明区工作组组长',
      reason: '施工单位拒不整改',
    });
    expect((await history(t, issueId)).at(-1)?.data).toMatchObject({
      level: 1,
      trigger: 'manual',
      escalatedTo: { body: 'district-bureau' },
    });
    const view = await issueView(t, issueId);
    expect(view.nextEscalation).toMatchObject({
      level: 2,
      remediationId: itemId,
      at: new Date(Date.parse(dueAt) + 2000).toISOString(),
    });

    const escalations = await waitForEscalations(t, issueId, 3);
    await sleep(1000);
    const all = escalationsIn(await history(t, issueId));
    expect(all.map((e) => [e.data.level, e.data.trigger])).toEqual([
      [1, 'manual'],
      [2, 'overdue'],
      [3, 'overdue'],
    ]);
    expect(Date.parse(escalations[1].recordedAt)).toBeGreaterThanOrEqual(Date.parse(dueAt) + 2000);
    expect(escalations[0].data.escalatedTo).toMatchObject({ body: 'district-bureau' });
  });
});
