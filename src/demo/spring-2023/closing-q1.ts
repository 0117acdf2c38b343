import type { DemoScenario, DemoStep } from '../demo-scenario';
import { group } from '../district-profiles';
import { at, workingDaysAfter } from './spring-calendar';

type ItemStatus = 'assigned' | 'completed' | 'rejected' | 'verified';

/** Where each item of a scenario stands after its last step. */
function itemStatuses(scenario: DemoScenario): Map<string, { status: ItemStatus; unit: string }> {
  const items = new Map<string, { status: ItemStatus; unit: string }>();
  for (const step of scenario.steps) {
    if (step.command === 'remediation')
      items.set(step.item, { status: 'assigned', unit: step.body.responsibleUnit });
    if (step.command === 'completion') items.get(step.item)!.status = 'completed';
    if (step.command === 'verification')
      items.get(step.item)!.status = step.body.accepted ? 'verified' : 'rejected';
  }
  return items;
}

/**
 * The rest of the story of every issue the first quarter left open: its remaining items done
 * and verified, and the issue crossed off, late, in April; the Haicang pile-testing case in
 * June, after the expert consultation and the re-selection of piles (the article's "last
 * month"). With them every one of the quarter's 69 technical difficulties is crossed off.
 */
export function closingQ1(scenarios: readonly DemoScenario[]): Array<{ key: string; steps: DemoStep[] }> {
  const open = scenarios.filter((s) => !s.steps.some((step) => step.command === 'closure'));
  return open.map((scenario, i) => {
    const pile = scenario.key === 'seed-haicang-pile-testing';
    const doneOn = pile ? '2023-06-09' : workingDaysAfter('2023-04-06', i * 2);
    const closedOn = pile ? '2023-06-12' : workingDaysAfter(doneOn, 1);
    const district = scenario.report.district;
    const steps: DemoStep[] = [];
    for (const [item, { status, unit }] of itemStatuses(scenario)) {
      if (status === 'verified') continue;
      if (status !== 'completed')
        steps.push({
          command: 'completion',
          item,
          body: {
            reportedBy: unit,
            evidence: pile ? '按专家咨询意见重新选桩并完成检测' : '整改完成照片及资料',
            occurredAt: at(doneOn, '15:00'),
          },
        });
      steps.push({
        command: 'verification',
        item,
        body: { verifiedBy: group(district), accepted: true, occurredAt: at(closedOn, '10:00') },
      });
    }
    steps.push({
      command: 'closure',
      body: {
        closedBy: `${group(district)} 组长`,
        resolution: pile
          ? '按专家咨询意见重新选桩检测，桩基工程“疑难杂症”解决，销号。'
          : '遗留事项整改验收完成（逾期），销号。',
        occurredAt: at(closedOn, '11:00'),
      },
    });
    return { key: `close-${scenario.key}`, steps };
  });
}
