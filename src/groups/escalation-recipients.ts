import type { EscalationRecipient } from '../issues/domain/issue-events';
import type { District, EscalationLevel } from '../issues/domain/vocabulary';
import type { WorkGroup } from './work-groups';

/**
 * Who each level of the ladder goes to, from the district work group's 1+1+1 leadership:
 * level 1 the district bureau (through the stationed work group's lead), level 2 the city
 * division head, level 3 the bureau leader in charge of the district.
 */
export function recipientOf(group: WorkGroup, level: EscalationLevel): EscalationRecipient {
  const { bureauLeader, divisionHead, workGroup } = group.leadership;
  if (level === 1)
    return {
      body: 'district-bureau',
      unit: group.districtBureau,
      name: workGroup.lead,
      title: `${workGroup.name} lead`,
    };
  if (level === 2)
    return {
      body: 'city-division',
      unit: divisionHead.title,
      name: divisionHead.name,
      title: divisionHead.title,
    };
  return {
    body: 'bureau-leadership',
    unit: bureauLeader.title,
    name: bureauLeader.name,
    title: bureauLeader.title,
  };
}

/** The decider's lookup over the loaded roster; an unknown district has nobody on record. */
export function recipientLookup(
  groups: WorkGroup[],
): (district: District, level: EscalationLevel) => EscalationRecipient | null {
  const byDistrict = new Map(groups.map((g) => [g.district, g]));
  return (district, level) => {
    const group = byDistrict.get(district);
    return group ? recipientOf(group, level) : null;
  };
}
