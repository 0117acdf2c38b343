import Database from 'better-sqlite3';
import type { IssueEvent } from '../../src/issues/domain/issue-events';
import { DISTRICTS } from '../../src/issues/domain/vocabulary';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';

type Row = [string, string, number, string, string, string, string];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Two years of issues: group performance fills many district × period buckets. */
const START_MS = Date.parse('2023-01-01T01:00:00Z');
const SPAN_MS = 730 * DAY;
/** Issues in flight at once, so the events of different issues interleave as in the log. */
const IN_FLIGHT = 64;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One issue's lifecycle as the engine records it: reported, a remediation assigned,
 * completed, verified, closed; every fifth gets a coordination meeting, every seventh an
 * escalation. Times follow the issue's number, so hours to close vary over a wide range.
 */
function lifecycle(i: number): IssueEvent[] {
  const issueId = `bench-${i}`;
  const district = DISTRICTS[i % DISTRICTS.length];
  // Spread over the two years by a stride coprime to the span's hours. (It used to be
  // `i * 7919 % SPAN_MS` in milliseconds: 7.9 s apart, so a million events' issues all fell in
  // twelve days and every month, quarter and year bucket collected tens of thousands of closures.)
  const reportedAt = START_MS + ((i * 7919) % (SPAN_MS / HOUR)) * HOUR + (i % 60) * 60_000;
  const rid = `r-${i}`;
  const at = (ms: number) => iso(reportedAt + ms);
  const closeHours = 4 + ((i * 37) % 400) + (i % 10) / 10;
  const events: IssueEvent[] = [
    {
      type: 'IssueReported',
      data: {
        issueId,
        title: `工地共用道路破损 ${i}`,
        description: '多个工地共用道路破损，晴天扬尘雨天泥泞',
        category: i % 3 === 0 ? 'safety-emergency' : 'on-site-rectification',
        severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
        district,
        site: `片区${(i % 40) + 1}号地块`,
        source: (['inspection', 'petition', 'referral', 'self-report'] as const)[i % 4],
        reportedBy: `驻区工作组 ${district}`,
        occurredAt: at(0),
      },
    },
    {
      type: 'RemediationAssigned',
      data: {
        issueId,
        remediationId: rid,
        responsibleUnit: `第${(i % 20) + 1}项目部`,
        action: '修复责任段道路并完善排水',
        dueAt: at(3 * DAY),
        assignedBy: `${district}区建设局`,
        occurredAt: at(HOUR),
      },
    },
  ];
  if (i % 5 === 0)
    events.push({
      type: 'MeetingConvened',
      data: {
        issueId,
        meetingId: `m-${i}`,
        kind: 'site-coordination',
        heldAt: at(2 * HOUR),
        convenedBy: '驻区工作组',
        attendees: ['建设单位', '施工单位'],
        summary: '协调道路修复',
        decisions: ['三日内修复'],
        occurredAt: at(2 * HOUR),
      },
    });
  if (i % 7 === 0)
    events.push({
      type: 'IssueEscalated',
      data: {
        issueId,
        level: 1,
        trigger: 'manual',
        reason: '进展缓慢',
        by: '驻区工作组',
        remediationId: null,
        dueAt: null,
        escalatedTo: null,
        occurredAt: at(3 * HOUR),
      },
    });
  events.push(
    {
      type: 'RemediationCompleted',
      data: {
        issueId,
        remediationId: rid,
        reportedBy: '项目部',
        evidence: '修复前后照片',
        occurredAt: at((closeHours - 2) * HOUR),
      },
    },
    {
      type: 'RemediationVerified',
      data: {
        issueId,
        remediationId: rid,
        verifiedBy: '建设局',
        comment: '现场复核合格',
        occurredAt: at((closeHours - 1) * HOUR),
      },
    },
    {
      type: 'IssueClosed',
      data: {
        issueId,
        closedBy: '驻区工作组',
        resolution: '道路修复完成，销号',
        forced: false,
        occurredAt: at(closeHours * HOUR),
      },
    },
  );
  return events;
}

/**
 * Writes a log of about `count` events into a fresh SQLite event store at `file`: the
 * store's own schema (it opens the file first), rows inserted in large transactions so that
 * making a million-event log takes seconds, not the hours of one durable append each.
 * Returns the exact number of events written.
 */
export async function writeSyntheticLog(file: string, count: number): Promise<number> {
  const store = SqliteEventStore.open(file);
  await store.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(...row);
  });
  const recorded = Date.parse('2025-01-01T00:00:00Z');
  let written = 0;
  let next = 0;
  // IN_FLIGHT issues at a time, one event from each in turn: interleaved like real traffic.
  const slots: Array<{ i: number; events: IssueEvent[]; at: number }> = [];
  let rows: Row[] = [];
  while (written < count) {
    while (slots.length < IN_FLIGHT) slots.push({ i: next, events: lifecycle(next++), at: 0 });
    for (let s = 0; s < slots.length && written < count; s++) {
      const slot = slots[s];
      const event = slot.events[slot.at];
      const metadata = {
        correlationId: `c-${written}`,
        causationId: null,
        actor: 'bench',
        occurredAt: (event.data as { occurredAt: string }).occurredAt,
        schemaVersion: 1,
      };
      rows.push([
        `e-${written}`,
        `issue-${event.data.issueId}`,
        slot.at,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
        iso(recorded + written),
      ]);
      written++;
      slot.at++;
      if (slot.at === slot.events.length) slots[s] = { i: next, events: lifecycle(next++), at: 0 };
    }
    if (rows.length >= 20_000) {
      insertAll(rows);
      rows = [];
    }
  }
  insertAll(rows);
  db.close();
  return written;
}
