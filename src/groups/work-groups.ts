import * as fs from 'node:fs';
import { DISTRICTS, type District } from '../issues/domain/vocabulary';

/** A person in the 1+1+1 leadership of a work group. */
export interface Leader {
  name: string;
  title: string;
}

/** One district-stationed work group: one bureau leader, one division head, one group. */
export interface WorkGroup {
  district: District;
  name: string;
  nameEn: string;
  districtBureau: string;
  leadership: {
    bureauLeader: Leader;
    divisionHead: Leader;
    workGroup: { name: string; lead: string; members: number };
  };
}

export const WORK_GROUPS = Symbol('WORK_GROUPS');

/**
 * Reads the roster file and checks it covers each of the six districts exactly once, so a
 * typo in the file stops the start instead of hiding a group from the rankings.
 */
export function loadWorkGroups(file: string): WorkGroup[] {
  let parsed: { groups?: WorkGroup[] };
  try {
    // Typed as the roster it should be; the checks below refuse one that is not.
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { groups?: WorkGroup[] };
  } catch (error) {
    throw new Error(`GROUPS_FILE ${file} could not be read as JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const groups = parsed.groups ?? [];
  for (const district of DISTRICTS) {
    const found = groups.filter((g) => g.district === district);
    if (found.length !== 1) {
      throw new Error(
        `GROUPS_FILE ${file} must list district "${district}" exactly once (found ${found.length})`,
      );
    }
    const { bureauLeader, divisionHead, workGroup } = found[0].leadership ?? ({} as WorkGroup['leadership']);
    if (!bureauLeader?.name || !divisionHead?.name || !workGroup?.name) {
      throw new Error(
        `GROUPS_FILE ${file}: group "${district}" needs leadership.bureauLeader, divisionHead and workGroup with names`,
      );
    }
  }
  const unknown = groups.find((g) => !(DISTRICTS as readonly string[]).includes(g.district));
  if (unknown)
    throw new Error(
      `GROUPS_FILE ${file}: unknown district "${unknown.district}"; use one of ${DISTRICTS.join(', ')}`,
    );
  return DISTRICTS.map((d) => groups.find((g) => g.district === d)!);
}
