import type { Category, District } from '../../issues/domain/vocabulary';
import { DISTRICTS } from '../../issues/domain/vocabulary';
import type { DemoScenario, DemoStep } from '../demo-scenario';
import { bureau, group, unit } from '../district-profiles';
import { SITES, TOPICS } from '../generated-content';
import { at, SPRING_WORKING_DAYS, workingDaysAfter } from './spring-calendar';

type Outcome = 'on-time' | 'late' | 'open';

/** One issue's story from a report date: a meeting for key projects, one item, and its end. */
function issueStory(
  key: string,
  district: District,
  category: Category,
  reportedOn: string,
  outcome: Outcome,
  n: number,
): DemoScenario {
  const topic = TOPICS[category][n % TOPICS[category].length];
  const site = SITES[district][n % SITES[district].length];
  const [role, action] = topic.items[0];
  const day = (k: number) => workingDaysAfter(reportedOn, k);
  const steps: DemoStep[] = [];
  if (category === 'key-project')
    steps.push({
      command: 'meeting',
      body: {
        kind: 'site-coordination',
        heldAt: at(reportedOn, '10:00'),
        convenedBy: group(district),
        attendees: [group(district), bureau(district), unit(site, role, district)],
        summary: `${topic.title}：现场协调`,
        decisions: [action],
        occurredAt: at(reportedOn, '10:00'),
      },
    });
  steps.push({
    command: 'remediation',
    item: 'main',
    body: {
      responsibleUnit: unit(site, role, district),
      action,
      dueAt: at(day(5), '17:30'),
      assignedBy: group(district),
      occurredAt: at(reportedOn, '11:00'),
    },
  });
  if (outcome === 'late' && district === 'xiangan')
    steps.push({
      command: 'escalation',
      body: {
        by: bureau(district),
        reason: '整改逾期未完成，提请市局处室督办',
        occurredAt: at(day(6), '09:00'),
      },
    });
  if (outcome !== 'open') {
    const done = outcome === 'late' ? 7 : 3;
    steps.push(
      {
        command: 'completion',
        item: 'main',
        body: {
          reportedBy: unit(site, role, district),
          evidence: '整改前后照片',
          occurredAt: at(day(done), '15:00'),
        },
      },
      {
        command: 'verification',
        item: 'main',
        body: { verifiedBy: group(district), accepted: true, occurredAt: at(day(done), '16:30') },
      },
      {
        command: 'closure',
        body: {
          closedBy: `${group(district)} 组长`,
          resolution: `${topic.title}：整改验收完成${outcome === 'late' ? '（逾期）' : ''}，销号。`,
          occurredAt: at(day(done + 1), '10:00'),
        },
      },
    );
  }
  return {
    key,
    report: {
      title: `${site}：${topic.title}`,
      description: `${group(district)}在${site}发现：${topic.title}。`,
      category,
      severity: category === 'safety-emergency' ? 'high' : 'medium',
      district,
      site,
      source: category === 'petition-complaint' ? 'petition' : 'inspection',
      reportedBy:
        category === 'petition-complaint' ? `${bureau(district)} 信访联动` : `${group(district)} 组员`,
      occurredAt: at(reportedOn, '09:30'),
    },
    steps,
  };
}

/**
 * Eight more technical difficulties collected and crossed off in March, on time: with the
 * first quarter's 61 they make the article's 69 (第一季度共收集解决各项工程技术难点堵点69条).
 */
const MARCH_DIFFICULTIES: ReadonlyArray<[District, string]> = [
  ['tongan', '2023-03-06'],
  ['xiangan', '2023-03-08'],
  ['siming', '2023-03-09'],
  ['tongan', '2023-03-13'],
  ['huli', '2023-03-15'],
  ['xiangan', '2023-03-20'],
  ['jimei', '2023-03-22'],
  ['haicang', '2023-03-24'],
];

export const marchDifficulties = (): DemoScenario[] =>
  MARCH_DIFFICULTIES.map(([district, date], i) =>
    issueStory(
      `march-difficulty-${i + 1}-${district}`,
      district,
      'technical-difficulty',
      date,
      'on-time',
      i + 3,
    ),
  );

/** How each group's four issues of the second quarter end. */
const Q2_OUTCOMES: Record<District, readonly Outcome[]> = {
  siming: ['on-time', 'on-time', 'on-time', 'on-time'],
  huli: ['on-time', 'on-time', 'late', 'on-time'],
  jimei: ['on-time', 'on-time', 'on-time', 'on-time'],
  haicang: ['on-time', 'late', 'on-time', 'on-time'],
  tongan: ['on-time', 'late', 'on-time', 'on-time'],
  xiangan: ['on-time', 'late', 'open', 'on-time'],
};
const Q2_CATEGORIES: readonly Category[] = [
  'on-site-rectification',
  'key-project',
  'safety-emergency',
  'petition-complaint',
];
const FIRST_Q2_DAY = SPRING_WORKING_DAYS.indexOf('2023-04-03');

/** Twenty-four issues of April to June, four per group; Xiang'an leaves one open and overdue. */
export const q2Issues = (): DemoScenario[] =>
  DISTRICTS.flatMap((district, d) =>
    Q2_OUTCOMES[district].map((outcome, k) =>
      issueStory(
        `q2-${district}-${k + 1}`,
        district,
        Q2_CATEGORIES[k],
        SPRING_WORKING_DAYS[FIRST_Q2_DAY + 2 + k * 14 + d],
        outcome,
        d + k,
      ),
    ),
  );

/** The Q2 issue the Xiang'an group appeals about in the quarterly review. */
export const APPEALED_ISSUE = 'q2-xiangan-3';
