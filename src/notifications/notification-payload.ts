import type { StoredEvent } from '../event-store/event-store';
import type { EscalationWarningIssued, IssueEscalated, IssueReported } from '../issues/domain/issue-events';
import type {
  Category,
  District,
  EscalationLevel,
  EscalationTrigger,
  Severity,
} from '../issues/domain/vocabulary';

/** The events a webhook receiver is told about. */
export type NotifiableEvent =
  | StoredEvent<'IssueEscalated', IssueEscalated['data']>
  | StoredEvent<'EscalationWarningIssued', EscalationWarningIssued['data']>;

export const isNotifiable = (event: StoredEvent): event is NotifiableEvent =>
  event.type === 'IssueEscalated' || event.type === 'EscalationWarningIssued';

/** What the report said about the issue, so a receiver needs no second call to know what it is. */
export type IssueFacts = Pick<
  IssueReported['data'],
  'issueId' | 'title' | 'category' | 'severity' | 'district' | 'site'
>;

/** The JSON body POSTed to every receiver. */
export interface NotificationPayload {
  kind: 'escalation' | 'warning';
  eventId: string;
  eventType: NotifiableEvent['type'];
  /** The event's global position in the log: receivers can order and deduplicate by it. */
  position: number;
  /** Business time of the escalation or warning (ISO-8601). */
  occurredAt: string;
  /** When the store recorded it (ISO-8601, UTC). */
  recordedAt: string;
  issueId: string;
  /** Null only if the issue's report could not be read, which the engine never writes. */
  issue: IssueFacts | null;
  /** The event's data as stored (level, trigger, remediationId, dueAt, escalatedTo ...). */
  data: NotifiableEvent['data'];
  /** One line, Chinese then English, for a chat robot to post as is. */
  text: string;
}

/** Builds the body for one escalation or warning. Pure: same event and facts, same bytes. */
export function buildNotificationPayload(
  event: NotifiableEvent,
  reported: IssueReported['data'] | null,
): NotificationPayload {
  const issue: IssueFacts | null = reported
    ? {
        issueId: reported.issueId,
        title: reported.title,
        category: reported.category,
        severity: reported.severity,
        district: reported.district,
        site: reported.site,
      }
    : null;
  return {
    kind: event.type === 'IssueEscalated' ? 'escalation' : 'warning',
    eventId: event.id,
    eventType: event.type,
    position: event.position,
    occurredAt: event.data.occurredAt,
    recordedAt: event.recordedAt,
    issueId: event.data.issueId,
    issue,
    data: event.data,
    text:
      event.type === 'IssueEscalated' ? escalationText(event.data, issue) : warningText(event.data, issue),
  };
}

const DISTRICT_ZH: Record<District, string> = {
  siming: '思明区',
  huli: '湖里区',
  jimei: '集美区',
  haicang: '海沧区',
  tongan: '同安区',
  xiangan: '翔安区',
};
const DISTRICT_EN: Record<District, string> = {
  siming: 'Siming',
  huli: 'Huli',
  jimei: 'Jimei',
  haicang: 'Haicang',
  tongan: "Tong'an",
  xiangan: "Xiang'an",
};
const CATEGORY_ZH: Record<Category, string> = {
  'on-site-rectification': '立行立改',
  'key-project': '重点项目',
  'safety-emergency': '安全生产应急',
  'petition-complaint': '信访投诉',
  'technical-difficulty': '技术难点',
};
const SEVERITY_ZH: Record<Severity, string> = { low: '低', medium: '中', high: '高', critical: '紧急' };
/** Who a level goes to when the roster named nobody (events before schema v2, or a gap in it). */
const LEVEL_BODY_ZH: Record<EscalationLevel, string> = { 1: '区建设局', 2: '市局业务处室', 3: '局领导' };
const LEVEL_BODY_EN: Record<EscalationLevel, string> = {
  1: 'district bureau',
  2: 'city division',
  3: 'bureau leadership',
};

function escalationText(data: IssueEscalated['data'], issue: IssueFacts | null): string {
  const to = data.escalatedTo;
  const head = `[升级 L${data.level} ${to ? to.unit : LEVEL_BODY_ZH[data.level]}]`;
  const who = to ? ` → ${to.name}（${to.title}）` : '';
  const zh = `${head} ${subjectZh(data.issueId, issue)} ${triggerZh(data.trigger, data)}${who}`;
  const en = `Escalated to level ${data.level} (${LEVEL_BODY_EN[data.level]})${where(issue)}: ${triggerEn(data.trigger, data)}`;
  return oneLine(`${zh} | ${en}`);
}

function warningText(data: EscalationWarningIssued['data'], issue: IssueFacts | null): string {
  const deadlineZh = data.trigger === 'overdue' ? '整改期限' : '首次响应期限';
  const deadlineEn = data.trigger === 'overdue' ? 'item due' : 'first response due';
  const zh =
    `[预警 L${data.nextLevel} ${LEVEL_BODY_ZH[data.nextLevel]}] ${subjectZh(data.issueId, issue)} ` +
    `${deadlineZh} ${beijingTime(data.dueAt)}，未办结将于 ${beijingTime(data.escalatesAt)} 升级`;
  const en =
    `Warning${where(issue)}: ${deadlineEn} ${beijingTime(data.dueAt)}, ` +
    `escalates to level ${data.nextLevel} at ${beijingTime(data.escalatesAt)} unless done`;
  return oneLine(`${zh} | ${en}`);
}

function subjectZh(issueId: string, issue: IssueFacts | null): string {
  if (!issue) return `问题 ${issueId}`;
  const site = issue.site ? ` @${issue.site}` : '';
  return `${DISTRICT_ZH[issue.district] ?? issue.district} ${issue.title}${site}（${CATEGORY_ZH[issue.category] ?? issue.category}·${SEVERITY_ZH[issue.severity] ?? issue.severity}）`;
}

const where = (issue: IssueFacts | null): string =>
  issue ? `, ${DISTRICT_EN[issue.district] ?? issue.district}` : '';

function triggerZh(trigger: EscalationTrigger, data: IssueEscalated['data']): string {
  if (trigger === 'manual') return `人工升级：${data.reason}`;
  const due = data.dueAt ? `（期限 ${beijingTime(data.dueAt)}）` : '';
  return trigger === 'overdue' ? `整改逾期${due}` : `超时未响应${due}`;
}

function triggerEn(trigger: EscalationTrigger, data: IssueEscalated['data']): string {
  if (trigger === 'manual') return `raised by hand: ${data.reason}`;
  const due = data.dueAt ? ` (due ${beijingTime(data.dueAt)})` : '';
  return trigger === 'overdue' ? `item overdue${due}` : `no first response${due}`;
}

/**
 * `YYYY-MM-DD HH:mm` in Beijing time, how the bureau reads a deadline. China keeps UTC+8 all
 * year (no daylight saving), so a fixed offset is exact and keeps this function pure.
 */
function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Chat robots post the text as is: titles or reasons with line breaks would split it. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
