import { demoScenarios, runScenario, type DemoClient, type LoadedScenario } from '../load-demo';
import { group } from '../district-profiles';
import { ACTIVITY_PLANS, PRACTICE_PLANS } from './activities';
import { closingQ1 } from './closing-q1';
import { onSiteEntries } from './on-site-days';
import { at } from './spring-calendar';
import { APPEALED_ISSUE, marchDifficulties, q2Issues } from './spring-issues';
import { Q2_REVIEW } from './q2-review';

/** Idempotency keys of this chapter: derived from the plan only, so a second load appends nothing. */
export const springKey = (part: string, n: number): string =>
  `demo-2023spring-${part}-${String(n).padStart(2, '0')}`;

async function postOrThrow(
  client: DemoClient,
  path: string,
  body: unknown,
  key: string,
): Promise<Record<string, unknown>> {
  const answer = await client.post(path, body, { 'Idempotency-Key': key });
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`demo ${key}: POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
}

/**
 * March to June 2023, after the first quarter: more technical difficulties in March, the
 * first quarter's open issues crossed off, the second quarter's issues, every group's daily
 * record (days on site, seminars, technical sessions, Tong'an's May campaign) and the
 * practices passed between city and district, and the Q2 review: drafted, one appeal filed
 * and decided, published, as for the quarterly review meeting of early July.
 */
export async function loadSpring2023(
  client: DemoClient,
  q1: ReadonlyMap<string, LoadedScenario>,
  log: (line: string) => void = () => undefined,
): Promise<{ issues: number; commands: number }> {
  let commands = 0;
  const loaded = new Map(q1);
  const issues = [...marchDifficulties(), ...q2Issues()];
  for (const scenario of marchDifficulties()) {
    const result = await runScenario(client, scenario, springKey);
    loaded.set(scenario.key, result.loaded);
    commands += result.commands;
  }
  for (const closing of closingQ1(demoScenarios())) {
    const issue = loaded.get(closing.key.replace(/^close-/, ''));
    if (!issue) throw new Error(`demo ${closing.key}: its first-quarter issue was not loaded`);
    commands += (await runScenario(client, closing, springKey, issue)).commands;
  }
  for (const scenario of q2Issues()) {
    const result = await runScenario(client, scenario, springKey);
    loaded.set(scenario.key, result.loaded);
    commands += result.commands;
  }
  log(`spring 2023: ${issues.length} issues and the first quarter's open ones crossed off`);

  const entries = [
    ...onSiteEntries().map((e) => ({
      district: e.district,
      date: e.date,
      body: { kind: 'on-site', date: e.date, days: e.days, site: e.site, summary: e.summary },
    })),
    ...ACTIVITY_PLANS.map(({ district, links, ...plan }) => ({
      district,
      date: plan.date,
      body: { ...plan, issueIds: (links ?? []).map((key) => loaded.get(key)!.issueId) },
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.district.localeCompare(b.district));
  for (const [n, entry] of entries.entries()) {
    const body = { ...entry.body, recordedBy: group(entry.district), occurredAt: at(entry.date, '18:00') };
    await postOrThrow(client, `/groups/${entry.district}/record`, body, springKey('record', n));
    commands++;
  }
  for (const [n, { district, ...practice }] of PRACTICE_PLANS.entries()) {
    const body = { ...practice, recordedBy: group(district), occurredAt: at(practice.date, '17:30') };
    await postOrThrow(client, `/groups/${district}/practices`, body, springKey('practice', n));
    commands++;
  }
  log(`spring 2023: ${entries.length} record entries and ${PRACTICE_PLANS.length} practices`);

  const review = await postOrThrow(client, '/reviews', Q2_REVIEW.draft, springKey('q2-review', 0));
  const reviewPath = `/reviews/${String(review.reviewId)}`;
  const appeal = await postOrThrow(
    client,
    `${reviewPath}/appeals`,
    {
      ...Q2_REVIEW.appeal,
      items: [{ issueId: loaded.get(APPEALED_ISSUE)!.issueId, claim: Q2_REVIEW.appealClaim }],
    },
    springKey('q2-review', 1),
  );
  await postOrThrow(
    client,
    `${reviewPath}/appeals/${String(appeal.appealId)}/decision`,
    Q2_REVIEW.decision,
    springKey('q2-review', 2),
  );
  await postOrThrow(client, `${reviewPath}/publication`, Q2_REVIEW.publication, springKey('q2-review', 3));
  commands += 4;
  log(`spring 2023: the Q2 review ${String(review.reviewId)} drafted, appealed, decided and published`);
  return { issues: issues.length, commands };
}
