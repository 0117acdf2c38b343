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
  /** Technical-difficulty issues reported here, and closed here (技术难点堵点). */
  difficultiesReported: number;
  difficultiesResolved: number;
  /** Days on site (下沉一线) on the record's dates in this period. */
  onSiteDays: number;
  /** The same days per Monday-to-Sunday week, keyed by the week's Monday (`YYYY-MM-DD`). */
  onSiteByWeek: Record<string, number>;
  /** Live record entries per kind (on-site entries included). */
  activities: Record<string, number>;
  /** People reached by the entries. */
  participants: number;
  practicesAdopted: number;
  practicesPromoted: number;
  /**
   * Remediation items assigned in the period; of them, those extended at least once so far
   * (the 延期率's numerator, counted in the period of the item's assignment); and every
   * extension granted in the period. Absent in buckets written before extensions were counted.
   */
  itemsAssigned?: number;
  itemsExtended?: number;
  extensions?: number;
};

/** A closure as counted, so that reopening the issue can take exactly it back out. */
export type CountedClosure = {
  buckets: string[];
  onTime: boolean;
  hours: number;
  /** A technical difficulty: the closure counted in difficultiesResolved too. */
  difficulty?: boolean;
};

/** What the projection remembers per issue (collection `group_perf_issues`). */
export type IssueTrackerDoc = {
  id: string;
  district: string;
  /** Absent on trackers written before categories were tracked (rebuild to fill). */
  category?: string;
  reportedAt: string;
  /** Current due time of each remediation item, after extensions. */
  dueAts: Record<string, string>;
  /** The latest of those due times; null while the issue has no items. */
  latestDueAt: string | null;
  lastClosure: CountedClosure | null;
  /** When each item was assigned (its 延期率 cohort); absent on trackers written before. */
  assignedAts?: Record<string, string>;
  /** The items extended at least once. */
  extendedItems?: string[];
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
  difficultiesReported?: number;
  difficultiesResolved?: number;
  /** On-site days, and the week (its Monday) they fall in. */
  onSiteDays?: number;
  week?: string;
  /** One entry of this kind more (+1) or less (-1). */
  activity?: { kind: string; count: number };
  participants?: number;
  practicesAdopted?: number;
  practicesPromoted?: number;
  itemsAssigned?: number;
  itemsExtended?: number;
  extensions?: number;
};

/** What one record entry (or practice) added to the buckets, so a correction can take it back. */
export type CountedEntry = {
  date: string;
  kind: string;
  days: number;
  participants: number;
};

/** What the projection remembers per record entry or practice (collection `group_perf_entries`). */
export type EntryTrackerDoc = {
  /** The entry id, or `practice:<id>`. */
  id: string;
  district: string;
  counted: CountedEntry | null;
  /** Position of the last event applied, so redelivery is harmless. */
  position: number;
};
