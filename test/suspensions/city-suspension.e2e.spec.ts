import * as path from 'node:path';
import { aReport, type Client, type TestApp } from '../e2e/test-app';
import { waitUntil } from '../event-store/fixtures/helpers';
import type { LadderDriver, TestClock } from '../escalation/ladder-driver';
import { startLadderEngine, type LadderEngine } from '../escalation/ladder-engine';

const POLICY = path.join(__dirname, 'fixtures', 'escalation-policy.working-days.yaml');
/** The made-up 2027 (Spring Festival off 6–13 February, Sunday 14 February worked). */
const HOLIDAYS = path.join(__dirname, '..', 'escalation', 'fixtures', 'holidays-2027.made-up.yaml');
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

/**
 * A city-wide stop over a weekend with a make-up working day (调休), on the engine's clock and
 * the made-up 2027 calendar: from Saturday 13 February 00:00 (a holiday) to Tuesday 16 February
 * 00:00, three calendar days of which two are working days (Sunday 14, made up, and Monday 15).
 * A working-day deadline moves by those two working days, a calendar one by the three days.
 */
describe('a city-wide suspension over a weekend and a make-up working day', () => {
  let engine: LadderEngine;
  let t: TestApp;
  let clock: TestClock;
  let ladder: LadderDriver;
  let leader: Client;

  beforeAll(async () => {
    engine = await startLadderEngine({ ESCALATION_POLICY: POLICY, HOLIDAYS_FILE: HOLIDAYS });
    ({ t, clock, ladder } = engine);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const created = async (client: Client, route: string, body: unknown) => {
    const answer = await client.post(route, body);
    if (answer.status !== 201)
      throw new Error(`POST ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, any>;
  };
  const view = async (issueId: string, position: number) =>
    (await leader.get(`/issues/${issueId}?minPosition=${position}`)).body as Record<string, any>;
  const escalations = async (issueId: string) =>
    (
      (await leader.get(`/issues/${issueId}/history`)).body as Array<{
        type: string;
        data: any;
        occurredAt: string;
      }>
    )
      .filter((h) => h.type === 'IssueEscalated')
      .map((h) => [h.data.level, h.data.trigger, h.occurredAt]);

  it('moves the working-day first response by two working days and the calendar item by three days', async () => {
    // Friday 5 February 10:00, the last working day before the (made-up) Spring Festival.
    clock.set(sh('2027-02-05T10:00:00'));
    // Sessions expire by the engine's clock: sign in again on the new date.
    leader = await t.signIn('leader');
    const rectification = await created(leader, '/issues', aReport({ category: 'on-site-rectification' }));
    const emergency = await created(leader, '/issues', aReport({ category: 'safety-emergency' }));
    const item = await created(leader, `/issues/${emergency.issueId}/remediations`, {
      responsibleUnit: '某施工单位',
      action: '拆除危险脚手架',
      dueAt: sh('2027-02-15T10:00:00'),
    });
    // 2 wd after Friday 5 February 10:00: Sunday 14 (made up) and Monday 15 February, 10:00.
    expect((await view(rectification.issueId, item.position)).nextEscalation).toMatchObject({
      trigger: 'no-response',
      dueAt: sh('2027-02-15T10:00:00'),
    });

    const approved = await created(leader, '/suspensions', {
      scope: 'city',
      from: sh('2027-02-13T00:00:00'),
      until: sh('2027-02-16T00:00:00'),
      reason: '台风红色预警，全市工地停工',
    });
    await ladder.caughtUp();
    const wd = await view(rectification.issueId, approved.position);
    expect(wd.suspended).toMatchObject({ scope: 'city', until: sh('2027-02-16T00:00:00') });
    // Two working days later: Tuesday 16 and Wednesday 17 February, 10:00.
    expect(wd.nextEscalation).toMatchObject({
      dueAt: sh('2027-02-15T10:00:00'),
      suspendedDueAt: sh('2027-02-17T10:00:00'),
      at: sh('2027-02-17T10:00:00'),
    });
    // The item's due time is a moment: it moves by the 58 hours of the stop it had left, to Thursday 18 February 10:00.
    expect((await view(emergency.issueId, approved.position)).nextEscalation).toMatchObject({
      remediationId: item.remediationId,
      dueAt: sh('2027-02-15T10:00:00'),
      at: sh('2027-02-18T10:00:00'),
    });
    await waitUntil(
      async () =>
        (await ladder.pending(rectification.issueId)).some(
          (c) => c.kind === 'escalate' && c.runAt === sh('2027-02-17T10:00:00'),
        ),
      'the working-day check re-timed',
    );

    // Nothing escalates on the item's own due time or in the stop; each fires at its moved time.
    await ladder.advanceTo(sh('2027-02-16T12:00:00'), rectification.issueId, emergency.issueId);
    leader = await t.signIn('leader');
    expect(await escalations(rectification.issueId)).toEqual([]);
    expect(await escalations(emergency.issueId)).toEqual([]);
    await ladder.advanceTo(sh('2027-02-18T10:00:00'), rectification.issueId, emergency.issueId);
    expect(await escalations(rectification.issueId)).toEqual([
      [1, 'no-response', sh('2027-02-17T10:00:00')],
      // Level 2 is one working day past the moved deadline.
      [2, 'no-response', sh('2027-02-18T10:00:00')],
    ]);
    expect(await escalations(emergency.issueId)).toEqual([[1, 'overdue', sh('2027-02-18T10:00:00')]]);
  });
});
