import type { District } from '../issues/domain/vocabulary';
import type { DemoStep } from './demo-scenario';
import { bureau, group, unit, type DistrictProfile } from './district-profiles';
import { EVIDENCE, EXTENSION_REASONS, REJECTIONS } from './generated-content';
import type { Random } from './random';
import { after, dueOn, morningMinute, officeMinute, order, type Moment } from './working-calendar';

/**
 * How a generated issue ends by 31 March. Group performance counts a closure as on time when
 * it comes no later than the latest due time of the items (extensions included).
 */
export type Outcome = 'on-time' | 'late' | 'open';
/** Turns a moment of the plan into the ISO time the client sends, once the start is known. */
export type Stamp = (m: Moment) => string;
/** A step at its moment; its body is made at the end, when every time in it is known. */
export type Timed = { at: Moment; make: (t: Stamp) => DemoStep };

interface Work {
  label: string;
  responsibleUnit: string;
  action: string;
  assigned: Moment;
  assignedBy: string;
  completed?: Moment;
  verified?: Moment;
  /** Working day of the deadline in force at the end (extensions included), at 17:30. */
  due: number;
  /** The deadline first assigned, when an extension later moved it to `due`. */
  firstDue?: number;
}

export interface ItemPlanInput {
  district: District;
  site: string;
  items: ReadonlyArray<readonly [string, string]>;
  outcome: Outcome;
  /** When the first item may be assigned. */
  start: Moment;
  profile: DistrictProfile;
  rnd: Random;
}

/**
 * The remediation items of one issue: the work is timed first (assignment, completion,
 * sometimes a rejection and a redo, acceptance), then the closure, and only then the
 * deadlines, chosen so that the issue ends as its outcome says. An on-time issue is closed
 * by its latest deadline; a late one after every deadline; an open one never finishes its
 * last item, which is overdue by the end of the quarter.
 */
export function planItems(input: ItemPlanInput): { timed: Timed[]; closed: Moment | null; lastDay: number } {
  const { district, site, items, outcome, profile, rnd } = input;
  const timed: Timed[] = [];
  const push = (at: Moment, make: (t: Stamp) => DemoStep) => timed.push({ at, make });
  let cursor = input.start;
  const works: Work[] = items.map(([role, action], i) => {
    cursor = after(cursor, 0, rnd);
    const work: Work = {
      label: `item-${i + 1}`,
      responsibleUnit: unit(site, role, district),
      action,
      assigned: cursor,
      assignedBy: rnd.pick([group(district), bureau(district)]),
      due: 0,
    };
    push(work.assigned, (t) => ({
      command: 'remediation',
      item: work.label,
      body: {
        responsibleUnit: work.responsibleUnit,
        action,
        dueAt: t(dueOn(work.firstDue ?? work.due)),
        assignedBy: work.assignedBy,
        occurredAt: t(work.assigned),
      },
    }));
    return work;
  });

  works.forEach((work, i) => {
    if (outcome === 'open' && i === works.length - 1) return;
    doTheWork(work, outcome === 'late' ? rnd.int(4, 10) : rnd.int(1, 6), input, push);
  });
  const verified = works.flatMap((w) => (w.verified ? [w.verified] : []));
  const lastVerified = verified.reduce((a, b) => (order(b) > order(a) ? b : a), cursor);
  const closed = outcome === 'open' ? null : after(lastVerified, rnd.int(0, 1), rnd);

  let lastDay = 0;
  let chased = false;
  const chase = (day: number) => {
    if (chased) return;
    chased = true;
    const at: Moment = { day, minute: morningMinute(rnd) };
    push(at, (t) => ({
      command: 'escalation',
      body: {
        by: `${group(district)} 组长`,
        reason: '整改事项逾期未完成且未说明原因，提请上级督办',
        occurredAt: t(at),
      },
    }));
  };
  for (const work of works) {
    const { completed } = work;
    if (!completed) {
      // The undone item of an open issue: due in the quarter, overdue at its end.
      work.due = work.assigned.day + rnd.int(3, 8);
      lastDay = work.due + 3;
      if (rnd.chance(0.5)) chase(work.due + 2);
      continue;
    }
    if (outcome === 'late') {
      // Each deadline passes before the closure; most pass before the work is even done.
      work.due = Math.min(Math.max(completed.day + rnd.int(-3, 1), work.assigned.day + 1), closed!.day - 1);
      if (completed.day >= work.due + 3 && rnd.chance(0.5)) chase(work.due + 2);
    } else {
      work.due = completed.day + rnd.int(0, 3);
    }
    if (rnd.chance(profile.extension)) extendFirst(work, input, push);
  }
  if (closed && outcome === 'on-time') {
    // The bureau closes within the deadlines: the latest of them is not before the closure.
    const latest = works.reduce((a, b) => (b.due > a.due ? b : a));
    if (latest.due < closed.day) latest.due = closed.day + rnd.int(0, 1);
  }
  lastDay = Math.max(lastDay, ...works.map((w) => w.due));
  return { timed, closed, lastDay };
}

/** Completion after `days` working days, maybe one rejection and a redo, then acceptance. */
function doTheWork(
  work: Work,
  days: number,
  { district, profile, rnd }: ItemPlanInput,
  push: (at: Moment, make: (t: Stamp) => DemoStep) => void,
): void {
  const done: Moment = { day: work.assigned.day + days, minute: officeMinute(rnd) };
  work.completed = done;
  const reportedBy = `${work.responsibleUnit} 负责人`;
  const evidence = rnd.pick(EVIDENCE);
  push(done, (t) => ({
    command: 'completion',
    item: work.label,
    body: { reportedBy, evidence, occurredAt: t(done) },
  }));
  let checked = after(done, rnd.int(0, 2), rnd);
  if (rnd.chance(profile.rejection)) {
    const rejected = checked;
    const comment = rnd.pick(REJECTIONS);
    push(rejected, (t) => ({
      command: 'verification',
      item: work.label,
      body: { verifiedBy: group(district), accepted: false, comment, occurredAt: t(rejected) },
    }));
    const redone = after(rejected, rnd.int(1, 2), rnd);
    push(redone, (t) => ({
      command: 'completion',
      item: work.label,
      body: { reportedBy, evidence: '整改复查资料', occurredAt: t(redone) },
    }));
    checked = after(redone, rnd.int(0, 1), rnd);
  }
  const accepted = checked;
  const verifiedBy = rnd.pick([group(district), bureau(district)]);
  work.verified = accepted;
  push(accepted, (t) => ({
    command: 'verification',
    item: work.label,
    body: { verifiedBy, accepted: true, occurredAt: t(accepted) },
  }));
}

/**
 * The first deadline proved too tight: it is set a few days earlier and extended to the
 * planned one on the morning it falls due, before the work is reported done.
 */
function extendFirst(
  work: Work,
  { rnd }: ItemPlanInput,
  push: (at: Moment, make: (t: Stamp) => DemoStep) => void,
): void {
  const first = work.due - rnd.int(1, 4);
  if (first <= work.assigned.day || first >= work.completed!.day) return;
  const asked: Moment = { day: first, minute: morningMinute(rnd) };
  const reason = rnd.pick(EXTENSION_REASONS);
  work.firstDue = first;
  // Made lazily like every body: `work.due` may still move later (never earlier).
  push(asked, (t) => ({
    command: 'extension',
    item: work.label,
    body: { newDueAt: t(dueOn(work.due)), reason, occurredAt: t(asked) },
  }));
}
