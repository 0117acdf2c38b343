import { pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import { retimePendingChecks, type RetimeDeps, type RetimeReport } from '../retime/retime-pending-checks';

/** Which issues to re-time: these, every pending issue of a district, or every pending issue. */
export type RetimeTarget = { issueIds: readonly string[] } | { district: string } | { all: true };

/**
 * The issues a suspension covers, re-timed when it is approved or lifted: named issues, a
 * district's pending issues (found in the deadlines read model), or every pending issue. The
 * re-timing itself is the one "re-time these issues" function, `retimePendingChecks`, with
 * the suspensions in its deps, as a policy or calendar reload uses it.
 */
export class IssueRetimer {
  constructor(private readonly deps: RetimeDeps & Required<Pick<RetimeDeps, 'suspensions'>>) {}

  async retime(target: RetimeTarget): Promise<RetimeReport> {
    if ('all' in target) return retimePendingChecks(this.deps);
    if ('issueIds' in target) return retimePendingChecks(this.deps, target.issueIds);
    const ids: string[] = [];
    for await (const page of pendingDeadlines(this.deps.readStore))
      for (const doc of page) if (doc.state.district === target.district) ids.push(doc.id);
    return retimePendingChecks(this.deps, ids);
  }
}
