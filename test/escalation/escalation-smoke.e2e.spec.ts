import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/notifications/webhook-signature';
import { waitUntil } from '../event-store/fixtures/helpers';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { startReceiver, type Receiver } from '../notifications/receiver';
import {
  assignItem,
  expectFastLadder,
  FAST_POLICY,
  history,
  issueView,
  reportIssue,
  secondsFromNow,
  waitForEscalations,
} from './escalation-e2e-helpers';
import { CheckQueueView } from './ladder-driver';

const SECRET = 'smoke-test-secret';

/**
 * The one spec of the whole ladder on the wall clock, as an operator trying the fast policy
 * sees it: BullMQ's own delays fire the checks, seconds apart. Everything else about the
 * ladder is specified on a test clock (escalation-ladder).
 */
describe('automatic escalation in real time on the fast policy', () => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, {
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

  it('climbs levels 1, 2 and 3 seconds apart, once each, warns first, turns the light red, and tells the webhook, signed', async () => {
    const issueId = await reportIssue(t);
    const dueAt = secondsFromNow(2);
    const itemId = await assignItem(t, issueId, dueAt);
    expect((await issueView(t, issueId)).nextEscalation).toMatchObject({ level: 1, at: dueAt });

    await waitForEscalations(t, issueId, 3);
    const items = await history(t, issueId);
    expectFastLadder(items, dueAt, itemId);
    // At the top of the ladder no check of the item is left to run: nothing can fire twice.
    const left = (await new CheckQueueView([t]).pending(issueId)).filter((c) => c.remediationId === itemId);
    expect(left).toEqual([]);

    const warnings = items.filter((h) => h.type === 'EscalationWarningIssued');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].data).toMatchObject({ remediationId: itemId, nextLevel: 1, share: 0.75 });
    expect(Date.parse(warnings[0].recordedAt)).toBeLessThan(Date.parse(dueAt));
    const view = await issueView(t, issueId, items.at(-1)!.position);
    expect(view).toMatchObject({ escalationLevel: 3, light: 'red', nextEscalation: null });

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

    const health = await t.get('/health');
    expect(health.body.status).toBe('ok');
    expect(health.body.escalation).toMatchObject({
      status: 'up',
      redis: 'up',
      oldestOverdueCheck: null,
      policy: { name: 'fast' },
    });
    expect(health.body.escalation.checks.failed).toBe(0);
  });
});
