import { periodDates } from '../../projections/group-performance/periods';
import { ISSUES_COLLECTION, OPEN_ISSUE } from '../../projections/issue-status/projection';
import type { IssueViewDoc } from '../../projections/issue-status/issue-view';
import { listPractices, listRecord } from '../../projections/group-record/queries';
import type { PerformanceRow, PublishedFormula } from '../groups/performance/performance-answer';
import { ACTIVITY_KIND_NAMES, PRACTICE_DIRECTION_NAMES } from '../groups/record/record-vocabulary';
import type { Filter, Page, ReadStore } from '../ports/read-store';
import type { AppealState } from '../reviews/domain/review-state';
import {
  CATEGORY_NAMES,
  ENTRY_STATUS_NAMES,
  ESCALATION_LEVEL_NAMES,
  SEVERITY_NAMES,
  STATUS_NAMES,
} from './chinese-names';
import type { Column, SheetRow, SheetSpec } from './sheet-spec';

/** What a workbook is made of: the ranking (frozen or live), where to read the rest, and when. */
export interface WorkbookInput {
  title: string;
  period: string;
  /** The time the ranking stands at: what "overdue" is measured against. */
  asOf: string;
  rows: PerformanceRow[];
  formula: PublishedFormula;
  appeals: AppealState[];
  /** The read models: live for a period, folded to the review's position for a review. */
  source: Pick<ReadStore, 'find'>;
  /** What the reader may see of the issues (the board's scope): added to every issue sheet's query. */
  issueScope: Filter[];
  groupName(district: string): string;
}

const PAGE = 500;

async function* pages<T>(read: (cursor: string | null) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The period's bounds as instants: from its first day's midnight in Shanghai to after its last. */
function periodBounds(period: string): { from: string; to: string } {
  const { first, last } = periodDates(period);
  const from = new Date(`${first}T00:00:00+08:00`).toISOString();
  const to = new Date(Date.parse(`${last}T00:00:00+08:00`) + 24 * 3_600_000).toISOString();
  return { from, to };
}

const latestDue = (issue: IssueViewDoc): string | null =>
  issue.remediations.reduce<string | null>((a, r) => (a === null || r.dueAt > a ? r.dueAt : a), null);

/** On time as group performance counts it: closed by the latest due time of its items, or with none. */
function onTimeStatus(issue: IssueViewDoc, asOf: string): string {
  const due = latestDue(issue);
  if (issue.closedAt) return due === null || issue.closedAt <= due ? '按期销号' : '逾期销号';
  return issue.dueKey < asOf ? '未销号（已逾期）' : '未销号';
}

export const RANKING_SHEET = '排名';

export function rankingColumns(formula: PublishedFormula): Column[] {
  return [
    { header: '排名', key: 'rank', type: 'number' },
    { header: '工作组', key: 'group', type: 'text' },
    { header: '总分', key: 'score', type: 'number', digits: 2 },
    ...formula.measures.map((m): Column => ({
      header: `${m.name}（${m.weight}分）`,
      key: `part:${m.key}`,
      type: 'number',
      digits: 2,
    })),
    { header: '新增问题', key: 'reported', type: 'number' },
    { header: '销号', key: 'closed', type: 'number' },
    { header: '按期销号', key: 'closedOnTime', type: 'number' },
    { header: '按期销号率', key: 'onTimeRate', type: 'percent' },
    { header: '逾期未销号', key: 'openOverdue', type: 'number' },
    { header: '升级至区建设局', key: 'level1', type: 'number' },
    { header: '升级至市局处室', key: 'level2', type: 'number' },
    { header: '升级至局领导', key: 'level3', type: 'number' },
    { header: '下沉一线天数', key: 'onSiteDays', type: 'number', digits: 1 },
    { header: '下沉目标天数', key: 'onSiteTarget', type: 'number', digits: 2 },
    { header: '下沉达标率', key: 'onSiteShare', type: 'percent' },
    { header: '达标周数', key: 'weeksOnTarget', type: 'number' },
    { header: '周数', key: 'weeks', type: 'number' },
    { header: '技术难点销号', key: 'difficultiesResolved', type: 'number' },
    { header: '培训宣贯', key: 'training', type: 'number' },
    { header: '现场实操教学', key: 'on-site-teaching', type: 'number' },
    { header: '座谈会', key: 'seminar', type: 'number' },
    { header: '技术研讨和业务指导', key: 'technical-guidance', type: 'number' },
    { header: '转化吸收市级制度', key: 'practicesAdopted', type: 'number' },
    { header: '推广区级经验', key: 'practicesPromoted', type: 'number' },
    { header: '参与人数', key: 'participants', type: 'number' },
    // Last, so the printable page's first columns stay as they were. 延期率 as the bureau's
    // bulletins give it; a review frozen before these figures existed leaves them empty rather
    // than showing a zero nobody counted.
    { header: '下达整改项', key: 'itemsAssigned', type: 'number' },
    { header: '延期整改项', key: 'itemsExtended', type: 'number' },
    { header: '延期率', key: 'extensionRate', type: 'percent' },
    { header: '延期次数', key: 'extensions', type: 'number' },
  ];
}

export function rankingRow(row: PerformanceRow): SheetRow {
  return {
    rank: row.rank,
    group: row.group,
    score: row.score,
    ...Object.fromEntries(Object.entries(row.scoreParts).map(([k, v]) => [`part:${k}`, v])),
    reported: row.reported,
    closed: row.closed,
    closedOnTime: row.closedOnTime,
    onTimeRate: row.onTimeRate,
    openOverdue: row.openOverdue,
    level1: row.escalations.level1,
    level2: row.escalations.level2,
    level3: row.escalations.level3,
    onSiteDays: row.onSiteDays,
    onSiteTarget: row.onSiteTarget,
    onSiteShare: row.onSiteShare,
    weeksOnTarget: row.weeksOnTarget,
    weeks: row.weeks,
    difficultiesResolved: row.difficultiesResolved,
    training: row.activities.training,
    'on-site-teaching': row.activities['on-site-teaching'],
    seminar: row.activities.seminar,
    'technical-guidance': row.activities['technical-guidance'],
    practicesAdopted: row.practicesAdopted,
    practicesPromoted: row.practicesPromoted,
    participants: row.participants,
    itemsAssigned: row.itemsAssigned,
    itemsExtended: row.itemsExtended,
    extensionRate: row.extensionRate,
    extensions: row.extensions,
  };
}

const ISSUE_COLUMNS: Column[] = [
  { header: '工作组', key: 'group', type: 'text' },
  { header: '问题', key: 'title', type: 'text', maxWidth: 50 },
  { header: '类别', key: 'category', type: 'text' },
  { header: '严重程度', key: 'severity', type: 'text' },
  { header: '地点', key: 'site', type: 'text', maxWidth: 30 },
  { header: '上报时间', key: 'reportedAt', type: 'datetime' },
  { header: '最迟整改期限', key: 'dueAt', type: 'datetime' },
  { header: '销号时间', key: 'closedAt', type: 'datetime' },
  { header: '状态', key: 'status', type: 'text' },
  { header: '按期情况', key: 'onTime', type: 'text' },
  { header: '升级层级', key: 'escalation', type: 'text' },
  { header: '问题编号', key: 'id', type: 'text', maxWidth: 40 },
];

function issueRow(issue: IssueViewDoc, input: WorkbookInput): SheetRow {
  return {
    group: input.groupName(issue.district),
    title: issue.title,
    category: CATEGORY_NAMES[issue.category] ?? issue.category,
    severity: SEVERITY_NAMES[issue.severity] ?? issue.severity,
    site: issue.site,
    reportedAt: issue.reportedAt,
    dueAt: latestDue(issue),
    closedAt: issue.closedAt,
    status: STATUS_NAMES[issue.status] ?? issue.status,
    onTime: onTimeStatus(issue, input.asOf),
    escalation: ESCALATION_LEVEL_NAMES[issue.escalationLevel] ?? String(issue.escalationLevel),
    id: issue.id,
  };
}

function findIssues(input: WorkbookInput, where: Filter[]): AsyncGenerator<IssueViewDoc> {
  return pages((cursor) =>
    input.source.find<IssueViewDoc>(ISSUES_COLLECTION, {
      where: [...input.issueScope, ...where],
      orderBy: [{ field: 'reportedAt', direction: 'asc' }],
      limit: PAGE,
      cursor,
    }),
  );
}

/** Issues reported in the period, then those reported before it and closed in it. */
async function* periodIssues(input: WorkbookInput): AsyncGenerator<SheetRow> {
  const { from, to } = periodBounds(input.period);
  for await (const issue of findIssues(input, [
    { field: 'reportedAt', op: '>=', value: from },
    { field: 'reportedAt', op: '<', value: to },
  ]))
    yield issueRow(issue, input);
  for await (const issue of findIssues(input, [
    { field: 'reportedAt', op: '<', value: from },
    { field: 'closedAt', op: '>=', value: from },
    { field: 'closedAt', op: '<', value: to },
  ]))
    yield issueRow(issue, input);
}

/** Issues open and overdue at the ranking's time, then those escalated during the period. */
async function* overdueAndEscalated(input: WorkbookInput): AsyncGenerator<SheetRow> {
  const { from, to } = periodBounds(input.period);
  const seen = new Set<string>();
  for await (const issue of findIssues(input, [
    OPEN_ISSUE,
    { field: 'dueKey', op: '<', value: input.asOf },
  ])) {
    seen.add(issue.id);
    yield issueRow(issue, input);
  }
  for await (const issue of findIssues(input, [{ field: 'escalationLevel', op: '>', value: 0 }])) {
    const inPeriod = issue.escalations.some((e) => e.occurredAt >= from && e.occurredAt < to);
    if (inPeriod && !seen.has(issue.id)) yield issueRow(issue, input);
  }
}

/** The record of every group for the period's dates, then the practices passed. */
async function* recordRows(input: WorkbookInput): AsyncGenerator<SheetRow> {
  const { first, last } = periodDates(input.period);
  for await (const entry of pages((cursor) =>
    listRecord(input.source, { from: first, to: last, limit: PAGE, cursor }),
  ))
    yield {
      date: entry.date,
      group: input.groupName(entry.district),
      kind: ACTIVITY_KIND_NAMES[entry.kind],
      days: entry.days,
      topic: entry.topic,
      site: entry.site,
      participants: entry.participants,
      members: entry.members.join('、'),
      summary: entry.summary,
      issues: entry.issueIds.length || null,
      status: ENTRY_STATUS_NAMES[entry.status],
      by: entry.recordedBy,
    };
  for await (const practice of pages((cursor) =>
    listPractices(input.source, { from: first, to: last, limit: PAGE, cursor }),
  ))
    yield {
      date: practice.date,
      group: input.groupName(practice.district),
      kind: PRACTICE_DIRECTION_NAMES[practice.direction],
      topic: practice.title,
      summary: practice.summary,
      status: ENTRY_STATUS_NAMES.recorded,
      by: practice.recordedBy,
    };
}

const RECORD_COLUMNS: Column[] = [
  { header: '日期', key: 'date', type: 'date' },
  { header: '工作组', key: 'group', type: 'text' },
  { header: '类型', key: 'kind', type: 'text' },
  { header: '天数', key: 'days', type: 'number', digits: 1 },
  { header: '主题', key: 'topic', type: 'text', maxWidth: 50 },
  { header: '地点', key: 'site', type: 'text', maxWidth: 30 },
  { header: '参与人数', key: 'participants', type: 'number' },
  { header: '参加成员', key: 'members', type: 'text', maxWidth: 30 },
  { header: '摘要', key: 'summary', type: 'text', maxWidth: 60 },
  { header: '关联问题数', key: 'issues', type: 'number' },
  { header: '状态', key: 'status', type: 'text' },
  { header: '登记人', key: 'by', type: 'text' },
];

const APPEAL_COLUMNS: Column[] = [
  { header: '工作组', key: 'group', type: 'text' },
  { header: '申诉理由', key: 'reason', type: 'text', maxWidth: 50 },
  { header: '涉及问题', key: 'items', type: 'text', maxWidth: 60 },
  { header: '提交人', key: 'filedBy', type: 'text' },
  { header: '提交时间', key: 'filedAt', type: 'datetime' },
  { header: '处理结果', key: 'result', type: 'text' },
  { header: '处理意见', key: 'comment', type: 'text', maxWidth: 50 },
  { header: '分值调整', key: 'adjustments', type: 'text', maxWidth: 40 },
  { header: '处理人', key: 'decidedBy', type: 'text' },
  { header: '处理时间', key: 'decidedAt', type: 'datetime' },
];

export function appealRow(
  appeal: AppealState,
  input: Pick<WorkbookInput, 'formula' | 'groupName'>,
): SheetRow {
  const names = new Map(input.formula.measures.map((m) => [m.key, m.name]));
  const decision = appeal.decision;
  return {
    group: input.groupName(appeal.district),
    reason: appeal.reason,
    items: appeal.items.map((i) => `${i.issueId}：${i.claim}`).join('；'),
    filedBy: appeal.filedBy,
    filedAt: appeal.filedAt,
    result: decision ? (decision.upheld ? '申诉成立' : '申诉不成立') : '待处理',
    comment: decision?.comment,
    adjustments: decision?.adjustments
      .map(
        (a) =>
          `${input.groupName(a.district)} ${names.get(a.measure) ?? a.measure} ${a.delta > 0 ? '+' : ''}${a.delta}分`,
      )
      .join('；'),
    decidedBy: decision?.decidedBy,
    decidedAt: decision?.decidedAt,
  };
}

/** The workbook's views, one sheet each, in the order shared/API-reviews.md lists them. */
export function workbookSheets(input: WorkbookInput): SheetSpec[] {
  const head = `${input.title}（${input.period}）`;
  return [
    {
      name: RANKING_SHEET,
      title: `${head} 排名 · 评分办法 ${input.formula.version}`,
      columns: rankingColumns(input.formula),
      rows: input.rows.map(rankingRow),
    },
    {
      name: '问题清单',
      title: `${head} 期内问题及按期情况`,
      columns: ISSUE_COLUMNS,
      rows: periodIssues(input),
    },
    {
      name: '逾期与升级',
      title: `${head} 逾期及升级督办问题`,
      columns: ISSUE_COLUMNS,
      rows: overdueAndEscalated(input),
    },
    { name: '日记录', title: `${head} 工作组日记录`, columns: RECORD_COLUMNS, rows: recordRows(input) },
    {
      name: '申诉',
      title: `${head} 申诉及处理`,
      columns: APPEAL_COLUMNS,
      rows: input.appeals.map((a) => appealRow(a, input)),
    },
  ];
}
