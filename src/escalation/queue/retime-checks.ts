import type { Job } from 'bullmq';
import { checkJobId, type EscalationCheck } from '../checks/escalation-check';
import type { CheckQueue } from './check-queue';

/** What re-timing did: checks moved to their new time, and checks added (Redis lacked them). */
export interface RetimeResult {
  issues: number;
  checks: number;
  moved: number;
  added: number;
}

/**
 * Puts queued checks at the times just derived for them. A check's job id names what it checks
 * (deadline and level), not when, so a check whose time moved (a suspension, a policy reload)
 * keeps its id and only its delayed job moves: its data is replaced and its delay changed. A
 * missing check is added; one already waiting or running is left to the worker, whose decider
 * refuses it until its time. A completed one stays completed, as scheduling never repeats it.
 */
export async function retimeChecks(
  checkQueue: CheckQueue,
  checks: EscalationCheck[],
  now: Date,
): Promise<Pick<RetimeResult, 'moved' | 'added'>> {
  const missing: EscalationCheck[] = [];
  let moved = 0;
  for (const check of checks) {
    const job = (await checkQueue.queue.getJob(checkJobId(check))) as Job<EscalationCheck> | undefined;
    if (!job) {
      missing.push(check);
      continue;
    }
    if (JSON.stringify(job.data) === JSON.stringify(check)) continue;
    if ((await job.getState()) !== 'delayed') continue;
    try {
      await job.updateData(check);
      const delay = Date.parse(check.runAt) - now.getTime();
      if (delay > 0) await job.changeDelay(delay);
      else await job.promote();
      moved++;
    } catch {
      // Taken by a worker in between: its decider times it as it stands now.
    }
  }
  await checkQueue.schedule(missing);
  return { moved, added: missing.length };
}
