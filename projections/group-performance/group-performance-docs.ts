/** One district's figures for one period (collection `group_perf`). */
export type GroupPerfDoc = {
  id: string;
  district: string;
  period: string;
  reported: number;
  closed: number;
  closedOnTime: number;
  /** Hours from report to closure of each closure counted here, ascending. */
  hoursToClose: number[];
  escalations: { '1': number; '2': number; '3': number };
  meetings: number;
};

/** A closure as counted, so that reopening the issue can take exactly it back out. */
export type CountedClosure = { buckets: string[]; onTime: boolean; hours: number };

/** What the projection remembers per issue (collection `group_perf_issues`). */
export type IssueTrackerDoc = {
  id: string;
  district: string;
  reportedAt: string;
  /** Current due time of each remediation item, after extensions. */
  dueAts: Record<string, string>;
  /** The latest of those due times; null while the issue has no items. */
  latestDueAt: string | null;
  lastClosure: CountedClosure | null;
  /** Position of the last event applied, so redelivery is harmless. */
  position: number;
};

/** A change to one bucket; every field is optional and additive. */
export type BucketDelta = {
  id: string;
  district: string;
  period: string;
  reported?: number;
  closed?: number;
  closedOnTime?: number;
  addHours?: number;
  removeHours?: number;
  escalationLevel?: 1 | 2 | 3;
  meetings?: number;
};
