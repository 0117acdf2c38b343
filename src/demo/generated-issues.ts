import type { Category, District } from '../issues/domain/vocabulary';
import { DISTRICTS } from '../issues/domain/vocabulary';
import type { DemoScenario, DemoStep } from './demo-scenario';
import { bureau, group, PROFILES, unit } from './district-profiles';
import { MEETING_WEIGHTS, SEVERITY_WEIGHTS, SITES, SOURCE_WEIGHTS, TOPICS } from './generated-content';
import { planItems, type Outcome, type Stamp, type Timed } from './generated-item-plans';
import { seededRandom, type Random } from './random';
import { after, iso, LAST_DAY, officeMinute, order, type Moment } from './working-calendar';

export { WORKING_DAYS_Q1_2023 } from './working-calendar';

/** 60 technical difficulties (the article counts 69 in Q1 with the seed cases) plus 10 others. */
export const GENERATED_ISSUE_COUNT = 70;
const OTHER_CATEGORIES: readonly Category[] = [
  'on-site-rectification',
  'key-project',
  'safety-emergency',
  'petition-complaint',
];

const districtOf = (n: number): District => DISTRICTS[n % DISTRICTS.length];

export function generatedIssues(seed = 20230331): DemoScenario[] {
  const rnd = seededRandom(seed);
  const decks = dealOutcomes(rnd);
  const scenarios: DemoScenario[] = [];
  for (let n = 0; n < GENERATED_ISSUE_COUNT; n++) {
    const district = districtOf(n);
    const category =
      n % 7 === 3 ? OTHER_CATEGORIES[Math.floor(n / 7) % OTHER_CATEGORIES.length] : 'technical-difficulty';
    const outcome = decks[district].pop()!;
    scenarios.push(
      generateOne(`gen-${String(n + 1).padStart(3, '0')}-${district}`, district, category, outcome, rnd),
    );
  }
  return scenarios;
}

/** Each district's outcomes as a shuffled deck: its quotas of late and open issues, the rest on time. */
function dealOutcomes(rnd: Random): Record<District, Outcome[]> {
  const decks = {} as Record<District, Outcome[]>;
  for (const district of DISTRICTS) {
    let count = 0;
    for (let n = 0; n < GENERATED_ISSUE_COUNT; n++) if (districtOf(n) === district) count++;
    const late = Math.round(count * PROFILES[district].late);
    const open = Math.round(count * PROFILES[district].open);
    const deck: Outcome[] = [];
    for (let i = 0; i < count; i++) deck.push(i < late ? 'late' : i < late + open ? 'open' : 'on-time');
    for (let i = deck.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [deck[i], deck[j]] = [deck[j], deck[i]];
    }
    decks[district] = deck;
  }
  return decks;
}

/**
 * One issue's story, built on working days counted from its report (day 0) and then moved
 * to a random start that lets the whole story, deadlines included, end by 31 March.
 */
function generateOne(
  key: string,
  district: District,
  category: Category,
  outcome: Outcome,
  rnd: Random,
): DemoScenario {
  const profile = PROFILES[district];
  const topic = rnd.pick(TOPICS[category]);
  const site = rnd.pick(SITES[district]);
  const reported: Moment = { day: 0, minute: officeMinute(rnd) };
  const timed: Timed[] = [];
  let cursor = after(reported, rnd.int(...profile.firstResponseDays), rnd);

  if (rnd.chance(profile.meeting)) {
    const kind = rnd.weighted(MEETING_WEIGHTS[category]);
    const held = cursor;
    timed.push({
      at: held,
      make: (t) => ({
        command: 'meeting',
        body: {
          kind,
          heldAt: t(held),
          convenedBy: group(district),
          attendees: [
            group(district),
            bureau(district),
            ...topic.items.map(([role]) => unit(site, role, district)),
          ],
          summary: `${topic.title}：研究处置方案`,
          decisions: topic.items.map(([, action]) => action),
          occurredAt: t(held),
        },
      }),
    });
    cursor = after(cursor, 0, rnd);
  }

  const items = topic.items.slice(0, rnd.int(1, topic.items.length));
  const plan = planItems({ district, site, items, outcome, start: cursor, profile, rnd });
  timed.push(...plan.timed);
  const { closed } = plan;
  if (closed) {
    const resolution = outcome === 'late' ? '各项整改验收完成（逾期），销号。' : '各项整改验收完成，销号。';
    timed.push({
      at: closed,
      make: (t) => ({
        command: 'closure',
        body: {
          closedBy: `${group(district)} 组长`,
          resolution: `${topic.title}：${resolution}`,
          occurredAt: t(closed),
        },
      }),
    });
  }

  // Everything must fit in the quarter, an open issue's overdue days included.
  const span = Math.max(plan.lastDay, ...timed.map((x) => x.at.day));
  if (span > LAST_DAY)
    throw new Error(`demo ${key}: its story needs ${span} working days, the quarter has ${LAST_DAY}`);
  const offset = rnd.int(0, LAST_DAY - span);
  const t: Stamp = (m) => iso({ day: m.day + offset, minute: m.minute });

  return {
    key,
    report: {
      title: topic.title,
      description: `${group(district)}在${site}发现：${topic.title}，分解为整改事项逐项销号。`,
      category,
      severity: rnd.weighted(SEVERITY_WEIGHTS[category]),
      district,
      site,
      source: rnd.weighted(SOURCE_WEIGHTS[category]),
      reportedBy:
        category === 'petition-complaint' ? `${bureau(district)} 信访联动` : `${group(district)} 组员`,
      occurredAt: t(reported),
    },
    steps: inTimeOrder(timed, t),
  };
}

/** Items' timelines interleave: sort by time (stable, so one item's steps keep their order). */
function inTimeOrder(timed: Timed[], t: Stamp): DemoStep[] {
  return timed
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => order(a.at) - order(b.at) || a.i - b.i)
    .map((x) => x.make(t));
}
